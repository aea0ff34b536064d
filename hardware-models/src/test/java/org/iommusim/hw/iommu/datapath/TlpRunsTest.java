package org.iommusim.hw.iommu.datapath;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.Statistic;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.hw.iommu.PipelineConfig;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.inval.InvKind;
import org.iommusim.hw.memtiming.MemoryConfig;
import org.iommusim.hw.memtiming.MemoryModel;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pcie.Tlps;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;

/**
 * Runs of TLPs ({@link TlpRuns}) against the same TLPs sent one by one: on random workloads (DMAs of
 * several devices at random and colliding instants, a region larger than the IOTLB, an unmapped
 * page, removals that make cached entries stale, invalidations) under random configurations (every
 * replacement policy and set index, in-flight bounds, in order or a reorder window, miss slots,
 * hit latencies, a miss occupancy, TBU micro-TLBs, context cache on or off), the callbacks come in
 * the same order at the same instants (the TLPs taken in, and those handed back; a run's completion
 * hands its TLPs back after admitting the waiters its slots let in, which one by one would
 * interleave, and which nothing a caller holds can tell apart) and every statistic ends the same — which also
 * compares the caches' replacement state, since a closing phase of fresh misses evicts by it.
 */
class TlpRunsTest {
    private static final long IOVA = 0x100_0000L;
    private static final long PAGE = 4096;
    private static final int PAGES = 48;
    private static final int HOLE = 37; // an unmapped page: its TLPs fault
    private static final String[] POLICIES = {"lru", "fifo", "tree-plru", "round-robin", "random"};
    private static final String[] INDEXES = {"modulo", "xor-fold", "hash"};

    /** One side: an IOMMU over its own copy of the tables, and the log of what its callbacks heard. */
    private static final class Side implements RunCallback {
        final Simulator sim = new Simulator();
        final StatsRegistry stats = new StatsRegistry(sim);
        final TreeFixture f = TreeFixture.anyDepth();
        final TimedIommu iommu;
        final int root;
        /** What was taken in, in order; what was handed back, in order (their interleaving is not compared). */
        final List<String> log = new ArrayList<>();
        final List<String> back = new ArrayList<>();

        Side(TimedIommuConfig config) {
            root = f.root(4);
            f.map(root, IOVA, 0x40_0000_0000L, HOLE * PAGE, PageSize.SIZE_4K);
            f.map(root, IOVA + (HOLE + 1) * PAGE, 0x40_1000_0000L, (PAGES - HOLE - 1) * PAGE, PageSize.SIZE_4K);
            for (int d = 1; d <= 3; d++) {
                f.attach(d, 0, root);
            }
            RandomStreams streams = new RandomStreams(7, 0);
            MemoryModel mem = new MemoryModel(sim, stats, streams, "mem", MemoryConfig.fixed(100_000));
            iommu = new TimedIommu(config, sim, stats, streams, f.cp, PteMemory.of(mem), "iommu");
        }

        @Override
        public void accepted(long tag) {
            log.add("accepted " + tag + " @" + sim.now());
        }

        @Override
        public void acceptedRun(long firstTag, int count) {
            for (int m = 0; m < count; m++) {
                accepted(firstTag + m);
            }
        }

        @Override
        public void translated(long tag, boolean ok, long hpa, FaultReason reason, int stage, long latencyPs) {
            back.add("translated " + tag + " " + ok + " " + reason + " s" + stage + " " + latencyPs + " @" + sim.now());
        }

        @Override
        public void translatedRun(long firstTag, int count, long latencyPs) {
            for (int m = 0; m < count; m++) {
                translated(firstTag + m, true, 0, null, 0, latencyPs);
            }
        }

        /** Every statistic's snapshot, by name. */
        TreeMap<String, String> statistics() {
            TreeMap<String, String> m = new TreeMap<>();
            for (Statistic s : stats.all()) {
                m.put(s.name(), s.snapshot().toString());
            }
            return m;
        }
    }

    /** A DMA's read requests, all arriving at {@code at}. */
    private record Dma(long at, int device, long start, int bytes, int unit, long firstTag) {
    }

    @Test
    void runs_matchTlpByTlp_onRandomWorkloadsAndConfigurations() {
        long fresh = System.nanoTime();
        long[] seeds = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, fresh};
        long runsSeen = 0;
        for (long seed : seeds) {
            System.out.println("TlpRunsTest seed " + seed);
            runsSeen += compare(seed);
        }
        assertThat(runsSeen).as("TLPs that travelled in runs (the fast path was taken)").isPositive();
        assertThat(stale).as("stale uses were judged").isPositive();
    }

    @Test
    void iotlbHitRead_travelsAsRuns_withTheSameStatistics() {
        TimedIommuConfig c = TimedIommuConfig.defaults();
        Side perTlp = new Side(c);
        Side runs = new Side(c);
        List<Dma> dmas = new ArrayList<>();
        dmas.add(new Dma(0, 1, IOVA, 16384, 512, 0)); // warms the IOTLB: 4 pages, misses then hits
        dmas.add(new Dma(5_000_000, 1, IOVA + 100, 16384, 512, 100)); // all hits; the first TLP unaligned
        drive(perTlp, runs, dmas, new Random(1), false);
        assertThat(runs.log).isEqualTo(perTlp.log);
        assertThat(runs.back).isEqualTo(perTlp.back);
        assertThat(runs.statistics()).isEqualTo(perTlp.statistics());
        assertThat(runs.iommu.tlpsInRuns()).as("the second read's hits joined their pages' first TLPs").isGreaterThan(20);
        assertThat(perTlp.iommu.tlpsInRuns()).isZero();
    }

    private static long compare(long seed) {
        Random r = new Random(seed);
        TimedIommuConfig c = config(r);
        Side perTlp = new Side(c);
        Side runs = new Side(c);
        List<Dma> dmas = new ArrayList<>();
        long tag = 0;
        int count = 60 + r.nextInt(60);
        for (int i = 0; i < count; i++) {
            long at = r.nextInt(4) == 0 ? (i == 0 ? 0 : dmas.get(i - 1).at()) : r.nextInt(40) * 400_000L;
            int unit = new int[] {128, 256, 512, 512, 1024, 4096}[r.nextInt(6)];
            long start = IOVA + r.nextInt(PAGES) * PAGE + (r.nextBoolean() ? 0 : r.nextInt((int) PAGE));
            int bytes = 1 + r.nextInt(r.nextBoolean() ? 4096 : 16384);
            start = Math.min(start, IOVA + PAGES * PAGE - bytes);
            dmas.add(new Dma(at, 1 + r.nextInt(3), start, bytes, unit, tag));
            tag += 1000;
        }
        dmas.sort((a, b) -> Long.compare(a.at(), b.at()));
        drive(perTlp, runs, dmas, r, true);
        assertThat(runs.log).as("seed %d: taken in", seed).isEqualTo(perTlp.log);
        assertThat(runs.back).as("seed %d: handed back", seed).isEqualTo(perTlp.back);
        assertThat(runs.statistics()).as("seed %d: statistics", seed).isEqualTo(perTlp.statistics());
        assertThat(runs.sim.now()).isEqualTo(perTlp.sim.now());
        System.out.println("  TLPs in runs " + runs.iommu.tlpsInRuns() + ", " + runs.statistics().get("iommu.stale-uses"));
        stale += ((org.iommusim.core.stats.Counter) runs.stats.get("iommu.stale-uses")).get();
        return runs.iommu.tlpsInRuns();
    }

    private static long stale;

    /** Drives both sides with the same DMAs (and removals/invalidations), then a closing phase of fresh misses. */
    private static void drive(Side perTlp, Side runs, List<Dma> dmas, Random r, boolean removals) {
        for (Side s : new Side[] {perTlp, runs}) {
            boolean asRuns = s == runs;
            for (Dma d : dmas) {
                s.sim.scheduleAt(org.iommusim.core.kernel.Event.of(() -> send(s, d, asRuns)), d.at());
            }
        }
        if (removals) {
            for (int i = 0; i < 12; i++) {
                long at = r.nextInt(40) * 400_000L + 25_000L;
                long page = IOVA / PAGE + r.nextInt(PAGES);
                long after = at + (1 + r.nextInt(6)) * 1_000_000L + 1;
                for (Side s : new Side[] {perTlp, runs}) {
                    s.sim.scheduleAt(org.iommusim.core.kernel.Event.of(() -> s.iommu.invalidations().removed(
                            s.root, page * PAGE, page * PAGE + PAGE, false)), at);
                    s.sim.scheduleAt(org.iommusim.core.kernel.Event.of(() -> s.iommu.invalidations().takeEffect(
                            InvKind.IOTLB_RANGE, s.root, 0, page, 1, true)), after);
                }
            }
        }
        perTlp.sim.run();
        runs.sim.run();
        for (Side s : new Side[] {perTlp, runs}) { // fresh pages evict by the replacement state each side left
            for (int i = 0; i < PAGES; i++) {
                long page = (i * 7L) % PAGES;
                if (page != HOLE) {
                    s.iommu.translate(2, 0, IOVA + page * PAGE, Access.READ, 1_000_000 + i, s);
                }
            }
            s.sim.run();
        }
    }

    private static void send(Side s, Dma d, boolean asRuns) {
        long n = Tlps.count(d.start(), d.bytes(), d.unit());
        for (long i = 0; i < n; ) {
            int k = asRuns ? Tlps.inSamePage(d.start(), d.unit(), i, n) : 1;
            long addr = Tlps.start(d.start(), d.unit(), i);
            if (asRuns) {
                s.iommu.translateRun(d.device(), 0, addr, d.unit(), k, Access.READ, d.firstTag() + i, s);
            } else {
                s.iommu.translate(d.device(), 0, addr, Access.READ, d.firstTag() + i, s);
            }
            i += k;
        }
    }

    private static TimedIommuConfig config(Random r) {
        TimedIommuConfig d = TimedIommuConfig.defaults();
        String policy = POLICIES[r.nextInt(POLICIES.length)];
        String index = INDEXES[r.nextInt(INDEXES.length)];
        int entries = new int[] {8, 16, 32, 2048}[r.nextInt(4)];
        CacheConfig iotlb = new CacheConfig(entries, 4, policy, true, d.iotlb().latencyPs(), index);
        CacheConfig context = d.contextCache().withEnabled(r.nextInt(4) != 0);
        boolean inOrder = r.nextBoolean();
        int window = inOrder ? 0 : new int[] {0, 0, 2, 5}[r.nextInt(4)];
        PipelineConfig pipeline = new PipelineConfig(inOrder, window, new int[] {0, 1, 5}[r.nextInt(3)], 0, 0,
                r.nextInt(3) != 0, r.nextInt(4) == 0 ? 2_000 : 0);
        CacheConfig micro = new CacheConfig(8, 0, POLICIES[r.nextInt(POLICIES.length)], r.nextInt(3) == 0,
                d.tbuMicroTlb().latencyPs(), "modulo");
        int perDevice = new int[] {1, 3, 8, 16, 64}[r.nextInt(5)];
        int perIommu = new int[] {2, 7, 24, 64}[r.nextInt(4)];
        System.out.println("  iotlb " + entries + " " + policy + "/" + index + ", context " + context.enabled()
                + ", " + pipeline + ", micro-TLB " + micro.enabled() + " " + micro.policy() + ", in flight "
                + perIommu + "/" + perDevice);
        return new TimedIommuConfig(iotlb, d.pwc(), d.pwcLevels(), d.nestedTlb(), context, d.contextWalkReads(),
                d.contextIpaReads(), d.contextFirstStageReads(), d.walkers(), perIommu, perDevice, d.lazyFillPs(),
                pipeline, micro);
    }
}
