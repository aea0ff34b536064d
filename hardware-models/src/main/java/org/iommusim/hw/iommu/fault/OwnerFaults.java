package org.iommusim.hw.iommu.fault;

import java.util.Arrays;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.IoasidView;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.pagetable.FaultReason;

/**
 * Routes the faults that belong to a table's user (DESIGN §1 "a stage-1 fault of a bound table is
 * reported to its user"): a fault at stage 1 — the attached IOASID's own table, including its
 * aperture check — of a {@code bind-invalidate} IOASID goes to that IOASID's
 * {@link OwnerFaultHandler} instead of the host fault queue. Stage-2 faults (the parent's table,
 * owned by the host), faults of {@code map-unmap} IOASIDs and faults without an attachment stay
 * with the host. Shadow misses that lazy fill resolves never reach here (the functional walk
 * retries them); a shadow fault the host classifies as the guest's stage-1 fault does.
 *
 * <p>Statistics: {@code faults.reported-to-owner} and, declared at an IOASID's first such fault,
 * {@code faults.reported-to-owner.ioasid<N>}. Does not model: the time the report takes to reach
 * the owner (a virtual-IOMMU fault injection), owner-side queue overflow.
 */
final class OwnerFaults {
    private final StatsRegistry stats;
    private final String prefix;
    private final ControlPlane controlPlane;
    private final Counter total;
    private OwnerFaultHandler[] handlers = new OwnerFaultHandler[0];
    private Counter[] byIoasid = new Counter[0];

    OwnerFaults(StatsRegistry stats, String prefix, ControlPlane controlPlane) {
        this.stats = stats;
        this.prefix = prefix;
        this.controlPlane = controlPlane;
        this.total = stats.counter(prefix + ".faults.reported-to-owner", "faults",
                "stage-1 faults of bind-invalidate IOASIDs reported to the table's owner instead of the host queue");
    }

    /** Installs {@code handler} as the owner of {@code ioasid} (null: count only). */
    void set(int ioasid, OwnerFaultHandler handler) {
        if (ioasid < 0) {
            throw new IllegalArgumentException("ioasid must be >= 0, got " + ioasid);
        }
        if (ioasid >= handlers.length) {
            handlers = Arrays.copyOf(handlers, ioasid + 1);
        }
        handlers[ioasid] = handler;
    }

    /** True if the fault belongs to the owner of {@code ioasid}: stage 1 of a bind-invalidate IOASID. */
    boolean ownerFault(int ioasid, int stage) {
        if (stage != 1 || ioasid < 0) {
            return false;
        }
        IoasidView x = controlPlane.ioasid(ioasid);
        return x != null && x.mode() == Mode.BIND_INVALIDATE;
    }

    /** Delivers an owner fault: counts it and tells the installed handler, if any. */
    void deliver(int ioasid, int device, int pasid, long iova, FaultReason reason) {
        total.increment();
        counter(ioasid).increment();
        OwnerFaultHandler h = ioasid < handlers.length ? handlers[ioasid] : null;
        if (h != null) {
            h.fault(device, pasid, iova, reason);
        }
    }

    long reported() {
        return total.get();
    }

    private Counter counter(int ioasid) {
        if (ioasid >= byIoasid.length) {
            byIoasid = Arrays.copyOf(byIoasid, Math.max(ioasid + 1, byIoasid.length * 2));
        }
        Counter c = byIoasid[ioasid];
        if (c == null) {
            c = stats.counter(prefix + ".faults.reported-to-owner.ioasid" + ioasid, "faults",
                    "stage-1 faults of IOASID " + ioasid + " reported to its owner");
            byIoasid[ioasid] = c;
        }
        return c;
    }
}
