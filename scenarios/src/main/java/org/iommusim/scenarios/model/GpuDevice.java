package org.iommusim.scenarios.model;

import java.nio.file.Path;
import org.iommusim.hw.device.DmaEngine;
import org.iommusim.hw.device.GpuConfig;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.AllocSpec;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.InvalidateRequest;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.pcie.PcieLink;
import org.iommusim.scenarios.schema.DeviceSpec;
import org.iommusim.scenarios.schema.Presets;

/**
 * Builds the {@code gpu} preset's address spaces and engine: for each process k a
 * {@code bind-invalidate} child of the device's IOASID (the VM's GPA space), nested by hardware or
 * software as configured, with its own page table in guest memory ({@code tableGpa + k MiB})
 * mapping the shared virtual range {@code [baseVa, baseVa + bufferBytes)} to the process's own
 * buffer ({@code bufferGpa + k·bufferBytes}); the table is bound, synchronised and attached as
 * PASID {@code pasidBase + k}. The guest memory must be mapped by the device's IOASID.
 */
final class GpuDevice {
    private static final long TABLE_REGION = 1L << 20;

    private GpuDevice() {
    }

    static Devices.Built build(Wiring w, DeviceSpec d, int id, String path, PcieLink link, Path baseDir) {
        Presets.Gpu g = d.gpu();
        String p = path + ".gpu";
        PageSize guestPage = Pages.size(w.at(), p + ".guestPageSize", g.guestPageSize());
        GpuConfig config = w.at().build(p, () -> new GpuConfig(Math.toIntExact(g.requestBytes()), g.outstanding(),
                g.processes(), g.pasidBase(), g.readFraction(), g.bufferBytes(), g.baseVa(), guestPage, g.nesting()));
        ControlPlane cp = w.spaces().controlPlane();
        int parent = w.spaces().id(d.ioasid());
        if (cp.ioasid(parent).mode() != Mode.MAP_UNMAP) {
            throw w.at().fail(path + ".ioasid", ": a gpu's processes nest on a map-unmap IOASID (the VM's GPA space); '"
                    + d.ioasid() + "' is bind-invalidate");
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
        DmaEngine engine = w.at().build(p, () -> config.createEngine(w.sim(), w.stats(), w.streams(), Devices.prefix(d),
                id, w.iommu(), link));
        return Devices.of(engine, engine::start);
    }
}
