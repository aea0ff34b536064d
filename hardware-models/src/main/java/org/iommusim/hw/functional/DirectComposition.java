package org.iommusim.hw.functional;

import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.IoasidView;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.physmem.PhysicalMemory;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;

/**
 * The test oracle: the translation of an IOASID as the plain composition of its own table
 * with every ancestor's, evaluated recursively from the tables in memory — no caches, no
 * shadows, no trace, written independently of the walkers (deliberately not sharing their
 * code). A guest table's pages are read by translating their GPAs through the parent with
 * read permission; the leaf's output is translated through the parent with the access's
 * permission. Stage 1 is a fault in the IOASID's own table, stage 2 one in any ancestor.
 * Does not model anything the hardware or host adds: lazy fill, staleness, read traces.
 */
public final class DirectComposition {
    private static final long ADDRESS_BITS = 0x000F_FFFF_FFFF_F000L;

    private final ControlPlane controlPlane;
    private final PhysicalMemory memory;

    public DirectComposition(ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
        this.memory = controlPlane.hostMemory();
    }

    /** What a DMA of (device, pasid) to {@code iova} should reach. */
    public Outcome translate(int device, int pasid, long iova, Access access) {
        IoasidView x = controlPlane.attached(device, pasid);
        return x == null ? Outcome.fault(FaultReason.NO_ATTACHMENT, 0) : evaluate(x, iova, access == Access.READ ? 2 : 4);
    }

    /** The composition for IOASID {@code x} at {@code addr}, needing permission bits {@code need}. */
    public Outcome evaluate(IoasidView x, long addr, int need) {
        if (addr < x.apertureStart() || addr >= x.apertureEnd()) {
            return Outcome.fault(FaultReason.OUT_OF_RANGE, 1);
        }
        IoasidView parent = x.parent();
        boolean inGuestMemory = x.mode() == Mode.BIND_INVALIDATE;
        long tableAddr = inGuestMemory ? x.boundRoot() : x.kernelTableRoot();
        if (tableAddr < 0) {
            return Outcome.fault(FaultReason.NOT_PRESENT, 1);
        }
        int allowed = 2 | 4;
        for (int level = x.levels(); level >= 1; level--) {
            long hostTable = tableAddr;
            if (inGuestMemory) {
                Outcome page = evaluate(parent, tableAddr, 2);
                if (!page.ok()) {
                    return page.asParentFault();
                }
                hostTable = page.hpa();
            }
            long index = (addr >>> (12 + 9 * (level - 1))) % 512;
            long entry = memory.read(hostTable + 8 * index);
            if ((entry & 1) == 0) {
                return Outcome.fault(FaultReason.NOT_PRESENT, 1);
            }
            allowed &= (int) (entry & 6);
            boolean leaf = level == 1 || (level <= 3 && (entry & 0x80) != 0);
            if (!leaf) {
                tableAddr = entry & ADDRESS_BITS;
                continue;
            }
            if ((allowed & need) != need) {
                return Outcome.fault(FaultReason.PERMISSION, 1);
            }
            long size = 1L << (12 + 9 * (level - 1));
            long out = (entry & ADDRESS_BITS & ~(size - 1)) + (addr % size);
            return parent == null ? Outcome.hpa(out) : evaluate(parent, out, need).asParentFault();
        }
        throw new AssertionError("no leaf at level 1");
    }
}
