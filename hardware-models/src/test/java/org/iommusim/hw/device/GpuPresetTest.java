package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.AllocSpec;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.datapath.PteMemory;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.memtiming.MemoryConfig;
import org.iommusim.hw.memtiming.MemoryModel;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.pcie.LinkConfig;
import org.iommusim.hw.pcie.PcieLink;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code gpu} preset under shared virtual addressing: a GPA parent (128 MiB of guest memory
 * in 2 MiB pages) and, per process, a bind-invalidate child nested on it (hardware or software)
 * with its own guest table, buffer and PASID. Requests round-robin over the PASIDs, each
 * completes with its bytes, and a 2 MiB request costs 512 translations — nearly all IOTLB misses
 * with 4 KiB process pages, nearly none with 2 MiB pages.
 */
class GpuPresetTest {
    private static final long GUEST_BYTES = 128L << 20;
    private static final long HPA = 0x40_0000_0000L;
    private static final long BUFFER_GPA = 16L << 20;
    private static final long BUFFER_BYTES = 8L << 20;
    private static final int DEVICE = 1;

    /** A finished run's numbers. */
    private record Run(long[] perPasidTranslations, long issued, long completed, long aborted, long bytes,
                       long translations, long iotlbMisses) {
    }

    private static Run run(long seed, GpuConfig c) {
        TreeFixture f = new TreeFixture();
        Simulator sim = new Simulator();
        StatsRegistry stats = new StatsRegistry(sim);
        RandomStreams streams = new RandomStreams(seed, 0);
        int parent = f.root(4);
        f.map(parent, 0, HPA, GUEST_BYTES, PageSize.SIZE_2M);
        long step = c.guestPageSize().bytes();
        for (int k = 0; k < c.processes(); k++) {
            int child = f.alloc(AllocSpec.child(parent, Mode.BIND_INVALIDATE, c.nesting(), 4));
            long tableGpa = (1L + k) << 20; // 1 MiB of table pages per process, below the buffers
            GuestPageTable table = f.guestTable(child, tableGpa, tableGpa + (1L << 20));
            long gpa = BUFFER_GPA + k * BUFFER_BYTES;
            for (long off = 0; off < c.bufferBytes(); off += step) {
                TreeFixture.ok(table.map(c.baseVa() + off, gpa + off, c.guestPageSize(), Prot.RW));
            }
            f.invalidate(child, c.baseVa(), c.bufferBytes()); // a shadow syncs the process's buffer
            f.attach(DEVICE, c.pasid(k), child);
        }
        MemoryModel mem = new MemoryModel(sim, stats, streams, "mem", MemoryConfig.fixed(80 * SimTime.NS));
        TimedIommu iommu = new TimedIommu(TimedIommuConfig.defaults(), sim, stats, streams, f.cp, PteMemory.of(mem),
                "iommu");
        PcieLink link = new PcieLink(sim, stats, "link", LinkConfig.defaults());
        DmaEngine e = c.createEngine(sim, stats, streams, "gpu", DEVICE, iommu, link);
        long[] perPasid = new long[c.processes()];
        e.setListener(new DmaListener() {
            @Override
            public void issued(int device, long arrivalPs, int pasid, long iova, int bytes, Access access) {
                perPasid[pasid - c.pasidBase()] += bytes / (access == Access.WRITE ? link.config().maxPayloadBytes()
                        : link.config().maxReadRequestBytes());
            }
        });
        e.start();
        sim.runUntil(2 * SimTime.MS);
        long iommuTranslations = counter(stats, "iommu.translations");
        return new Run(perPasid, counter(stats, "gpu.issued"), counter(stats, "gpu.completed"),
                counter(stats, "gpu.aborted"), counter(stats, "gpu.bytes"), counter(stats, "gpu.translations"),
                iommuTranslations - counter(stats, "iommu.iotlb-served"));
    }

    private static long counter(StatsRegistry stats, String name) {
        return ((Counter) stats.get(name)).get();
    }

    @ParameterizedTest(name = "{0} nesting")
    @EnumSource(value = Nesting.class, names = {"HARDWARE", "SOFTWARE"})
    void behavior_condition(Nesting nesting) {
        int processes = 3;
        GpuConfig base = GpuConfig.defaults().withProcesses(processes).withBuffer(BUFFER_BYTES).withNesting(nesting);
        Run small = run(11, base.withGuestPageSize(PageSize.SIZE_4K));
        Run huge = run(11, base.withGuestPageSize(PageSize.SIZE_2M));
        int pages = base.requestBytes() / 4096;
        int readTlps = base.requestBytes() / LinkConfig.defaults().maxReadRequestBytes();
        int writeTlps = base.requestBytes() / LinkConfig.defaults().maxPayloadBytes();
        System.out.printf("gpu %s: 4K %d req %d misses; 2M %d req %d misses; per-PASID %s%n", nesting,
                small.completed(), small.iotlbMisses(), huge.completed(), huge.iotlbMisses(),
                java.util.Arrays.toString(small.perPasidTranslations()));
        assertThat(pages).isEqualTo(512);
        assertThat(readTlps).as("one translation per MRRS block").isEqualTo(4096);
        assertThat(writeTlps).as("one translation per MPS block").isEqualTo(8192);
        for (Run r : new Run[] {small, huge}) {
            assertThat(r.completed()).isGreaterThan(2L * processes);
            assertThat(r.aborted()).isZero();
            assertThat(r.bytes()).isEqualTo(r.completed() * base.requestBytes());
            // translations are requested as a request proceeds: all of every completed one, part of those in flight
            assertThat(r.translations()).isBetween(r.completed() * readTlps, r.issued() * writeTlps);
            long min = Long.MAX_VALUE;
            long max = 0;
            long sum = 0;
            for (long n : r.perPasidTranslations()) {
                assertThat(n).isPositive();
                min = Math.min(min, n);
                max = Math.max(max, n);
                sum += n;
            }
            assertThat(sum).as("every issued request's TLPs").isGreaterThanOrEqualTo(r.translations())
                    .isBetween(r.issued() * readTlps, r.issued() * writeTlps);
            assertThat(max - min).as("round-robin: PASIDs differ by at most a request or two")
                    .isLessThanOrEqualTo(2L * writeTlps);
        }
        // 4 KiB process pages: a sweep larger than the IOTLB misses on (nearly) every page.
        assertThat(small.iotlbMisses()).isGreaterThanOrEqualTo(small.completed() * pages / 2);
        // 2 MiB process pages on a 2 MiB parent: about one miss per request.
        assertThat(huge.iotlbMisses() * 50).isLessThan(huge.issued() * pages);
    }
}
