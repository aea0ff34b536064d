package org.iommusim.hw.ioasid;

import org.iommusim.hw.physmem.PhysicalMemory;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.pagetable.GuestTableReader;
import org.iommusim.hw.pagetable.LeafRef;
import org.iommusim.hw.pagetable.Pte;

/**
 * Models the host's software translation of an IOASID's own table composed with its
 * parent's single-stage table (kernel table or shadow): used to classify a shadow fault
 * (which stage, which reason, or whether the shadow is merely stale) the way the host's
 * fault handler would. It reads guest tables through the parent exactly as the hardware
 * two-stage walk does, in the same order: table pointer via the parent (read permission),
 * the entry, leaf permissions, then the output via the parent with the access's permission.
 * Not the test oracle: ancestors are seen through their shadows, as the hardware sees them.
 * Does not model the fault queue, fault reporting to the guest, or the handler's CPU time.
 */
final class HostResolver {
    private final PhysicalMemory memory;

    HostResolver(PhysicalMemory memory) {
        this.memory = memory;
    }

    /** Translates {@code addr} through {@code x}'s own table and its parent; stage relative to {@code x}. */
    boolean classify(Ioasid x, long addr, int need, Resolution out) {
        if (!x.inAperture(addr)) {
            return out.fail(FaultReason.OUT_OF_RANGE, 1);
        }
        LeafRef r = new LeafRef();
        if (x.parent == null) {
            if (!x.table.lookup(addr, r)) {
                return out.fail(FaultReason.NOT_PRESENT, 1);
            }
            if ((r.perms & need) != need) {
                return out.fail(FaultReason.PERMISSION, 1);
            }
            return out.succeed(r.output(addr), r.shift, r.perms);
        }
        long gpa;
        int shift;
        int perms;
        if (x.mode == Mode.MAP_UNMAP) {
            if (!x.table.lookup(addr, r)) {
                return out.fail(FaultReason.NOT_PRESENT, 1);
            }
            if ((r.perms & need) != need) {
                return out.fail(FaultReason.PERMISSION, 1);
            }
            gpa = r.output(addr);
            shift = r.shift;
            perms = r.perms;
        } else {
            long table = x.boundRoot();
            if (table == -1L) {
                return out.fail(FaultReason.NOT_PRESENT, 1);
            }
            // a table page is read through the parent (read permission), faults classified there
            GuestTableReader guest = new GuestTableReader(memory);
            GuestTableReader.Stop stop = guest.walk(table, x.levels, addr, 1,
                    (tableGpa, level) -> resolveIn(x.parent, tableGpa, (int) Pte.READ, out)
                            ? out.hpa : GuestTableReader.NO_PAGE, null);
            out.guestPtesRead += guest.ptesRead();
            if (stop == GuestTableReader.Stop.NO_TABLE_PAGE) {
                return false;
            }
            if (stop == GuestTableReader.Stop.NOT_PRESENT) {
                return out.fail(FaultReason.NOT_PRESENT, 1);
            }
            perms = guest.pathPerms();
            if ((perms & need) != need) {
                return out.fail(FaultReason.PERMISSION, 1);
            }
            shift = guest.leafShift();
            gpa = guest.output(addr);
        }
        if (!resolveIn(x.parent, gpa, need, out)) {
            return false;
        }
        return out.succeed(out.hpa, Math.min(shift, out.shift), perms & out.perms);
    }

    /**
     * Translates {@code addr} through parent {@code p}'s single-stage table; a fault is stage 2.
     * A shadow fault is classified through {@code p}'s source; if the source translates, the
     * shadow was stale and the fault keeps the shadow's reason with {@code stale} set.
     */
    boolean resolveIn(Ioasid p, long addr, int need, Resolution out) {
        LeafRef r = new LeafRef();
        if (!p.inAperture(addr)) {
            return out.fail(FaultReason.OUT_OF_RANGE, 2);
        }
        boolean hit = p.lookupSingleStage(addr, r);
        if (hit && (r.perms & need) == need) { // a contiguous run is one 64 KiB page to the hardware
            return out.succeed(r.output(addr), Pte.leafShift(r.pte, Pte.levelOfShift(r.shift)), r.perms);
        }
        FaultReason shadowReason = hit ? FaultReason.PERMISSION : FaultReason.NOT_PRESENT;
        if (!p.nesting.strategy().hostClassifiesFaults()) {
            return out.fail(shadowReason, 2);
        }
        if (classify(p, addr, need, out)) {
            out.stale = true;
            return out.fail(shadowReason, 2);
        }
        out.stage = 2;
        return false;
    }
}
