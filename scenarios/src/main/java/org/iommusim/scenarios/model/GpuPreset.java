package org.iommusim.scenarios.model;

import static org.iommusim.scenarios.config.Key.Kind.SIZE;

import org.iommusim.hw.device.DmaEngine;
import org.iommusim.hw.device.GpuConfig;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.AllocSpec;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.InvalidateRequest;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.scenarios.config.Key;

/**
 * Builds the {@code gpu} preset's address spaces and engine: for each process k a
 * {@code bind-invalidate} child of the device's IOASID (the VM's GPA space), nested by hardware or
 * software as configured, with its own page table in guest memory ({@code tableGpa + k MiB})
 * mapping the shared virtual range {@code [baseVa, baseVa + bufferBytes)} to the process's own
 * buffer ({@code bufferGpa + k·bufferBytes}); the table is bound, synchronised and attached as
 * PASID {@code pasidBase + k}. The guest memory must be mapped by the device's IOASID, so the
 * preset needs an IOMMU on the device's path. It models the GPU's bulk copy-engine DMA per TLP,
 * through its ATS cache (on unless {@code ats.enabled: false}); it does not model the GPU's own
 * MMU, compute or migration. Defaults are {@link GpuConfig#defaults()} (2 MiB process pages, a
 * Gen4 x16 link as an NVIDIA A100 PCIe's datasheet gives); the guest addresses and caching mode
 * are this layer's.
 */
final class GpuPreset implements DevicePreset<GpuPreset.Spec> {
    private static final long TABLE_REGION = 1L << 20;

    /** The {@code gpu} section: process k uses PASID pasidBase + k on its own child IOASID. */
    record Spec(
            @Key(doc = "Bytes per bulk request (a copy-engine chunk)", kind = SIZE, min = "1B", max = "1GiB") long requestBytes,
            @Key(doc = "Requests in flight", min = "1", max = "4096") int outstanding,
            @Key(doc = "Processes, each with its own PASID and bound page table", min = "1", max = "4096") int processes,
            @Key(doc = "PASID of process 0", min = "1", max = "1048575") int pasidBase,
            @Key(doc = "DMA reads among requests", min = "0", max = "1") double readFraction,
            @Key(doc = "Buffer each process sweeps sequentially", kind = SIZE, min = "4KiB") long bufferBytes,
            @Key(doc = "Virtual address of every process's buffer (a user mmap address, 0x7f0000000000)", kind = SIZE) long baseVa,
            @Key(doc = "Guest physical address of process 0's buffer; process k's follows at k x bufferBytes (must be mapped by the device's IOASID)", kind = SIZE) long bufferGpa,
            @Key(doc = "Guest physical start of the process page tables, 1 MiB per process", kind = SIZE) long tableGpa,
            @Key(doc = "Page size of the process tables (2MiB = transparent huge pages; 64KiB = arm64 contpte folios, arm-smmuv3 only)", kind = SIZE) long guestPageSize,
            @Key(doc = "How the process tables nest on the device's IOASID: hardware or software") Nesting nesting,
            @Key(doc = "Caching mode of the process IOASIDs") boolean cachingMode) {

        static Spec defaults() {
            GpuConfig c = GpuConfig.defaults();
            return new Spec(c.requestBytes(), c.outstanding(), c.processes(), c.pasidBase(), c.readFraction(),
                    c.bufferBytes(), c.baseVa(), 64L << 20, 16L << 20, c.guestPageSize().bytes(), c.nesting(), false);
        }
    }

    @Override
    public String name() {
        return "gpu";
    }

    @Override
    public String doc() {
        return "bulk transfers with shared virtual addressing, one PASID per process";
    }

    @Override
    public Class<Spec> section() {
        return Spec.class;
    }

    @Override
    public boolean needsIommu() {
        return true;
    }

    /** GPUs doing shared virtual addressing translate through PCIe ATS (and fault through PRI, which needs it). */
    @Override
    public boolean usesAts() {
        return true;
    }

    @Override
    public Devices.Built build(Build b, Spec g) {
        Wiring w = b.w();
        String path = b.path();
        int id = b.id();
        String p = path + ".gpu";
        PageSize guestPage = w.pageSize(p + ".guestPageSize", g.guestPageSize());
        if (guestPage == PageSize.SIZE_64K && w.arch() != null && w.arch().name().equals("amd-vi")) {
            throw w.at().fail(p + ".guestPageSize", ": 65536 bytes, but preset 'amd-vi' walks process tables in its v2"
                    + " format, which allows pages of 4KiB, 2MiB, 1GiB (rule: Linux AMD_IOMMU_PGSIZES_V2; 64KiB is a v1"
                    + " host-table size)");
        }
        GpuConfig config = w.at().build(p, () -> new GpuConfig(Math.toIntExact(g.requestBytes()), g.outstanding(),
                g.processes(), g.pasidBase(), g.readFraction(), g.bufferBytes(), g.baseVa(), guestPage, g.nesting()));
        ControlPlane cp = w.spaces().controlPlane();
        int parent = w.spaces().id(b.d().ioasid());
        if (cp.ioasid(parent).mode() != Mode.MAP_UNMAP) {
            throw w.at().fail(path + ".ioasid", ": a gpu's processes nest on a map-unmap IOASID (the VM's GPA space); '"
                    + b.d().ioasid() + "' is bind-invalidate");
        }
        if (g.bufferBytes() % guestPage.bytes() != 0) {
            throw w.at().fail(p + ".bufferBytes", ": must be a multiple of guestPageSize (" + guestPage.bytes() + ")");
        }
        cp.registerDevice(id);
        for (int k = 0; k < g.processes(); k++) {
            AllocSpec spec = AllocSpec.child(parent, Mode.BIND_INVALIDATE, g.nesting(), cp.ioasid(parent).levels())
                    .withCachingMode(g.cachingMode());
            int child = w.at().ok(p + ".nesting", "allocating process " + k + "'s IOASID", cp.alloc(spec));
            long tableGpa = g.tableGpa() + k * TABLE_REGION;
            GuestPageTable table = w.at().ok(p + ".tableGpa", "creating process " + k + "'s page table",
                    GuestPageTable.create(cp, child, tableGpa, tableGpa + TABLE_REGION));
            w.at().ok(p, "binding process " + k + "'s page table", cp.bind(child, table.root()));
            long gpa = g.bufferGpa() + k * g.bufferBytes();
            for (long off = 0; off < g.bufferBytes(); off += guestPage.bytes()) {
                w.at().ok(p + ".bufferGpa", "process " + k + "'s buffer mapping",
                        table.map(g.baseVa() + off, gpa + off, guestPage, Prot.RW));
            }
            w.at().ok(p, "synchronising process " + k + "'s table",
                    cp.invalidate(child, new InvalidateRequest.Range(g.baseVa(), g.bufferBytes(), false)));
            w.at().ok(path + ".ioasid", "attaching PASID " + config.pasid(k), cp.attach(id, config.pasid(k), child));
            w.spaces().addGuestTable(child, table);
        }
        DmaEngine engine = w.at().build(p, () -> config.createEngine(w.sim(), w.stats(), w.streams(), b.prefix(),
                id, w.iommu(), b.link()));
        return Devices.of(engine, engine::start);
    }
}
