package org.iommusim.hw.functional;

import org.iommusim.hw.pagetable.FaultReason;

/** An oracle result: an HPA, or a fault reason with its stage (1 own table, 2 ancestor). */
public record Outcome(boolean ok, long hpa, FaultReason reason, int stage) {
    public static Outcome hpa(long hpa) {
        return new Outcome(true, hpa, null, 0);
    }

    public static Outcome fault(FaultReason reason, int stage) {
        return new Outcome(false, 0, reason, stage);
    }

    /** The same fault seen from a child: any fault of an ancestor is stage 2. */
    Outcome asParentFault() {
        return ok ? this : fault(reason, 2);
    }

    /** True if {@code t} is the same HPA, or the same fault reason and stage. */
    public boolean matches(Translation t) {
        return ok ? t.ok && t.hpa == hpa : !t.ok && t.reason == reason && t.stage == stage;
    }

    @Override
    public String toString() {
        return ok ? String.format("hpa 0x%x", hpa) : "fault " + reason + " stage " + stage;
    }
}
