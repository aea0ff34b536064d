package org.iommusim.hw.cpu;

/** Told when a control-plane operation has finished on its core. Caller-owned, so no allocation. */
@FunctionalInterface
public interface OpCallback {
    /**
     * @param tag       the caller's tag given to {@code run}
     * @param latencyPs time from {@code run} to now: waiting for a core plus the CPU time
     */
    void done(OpKind kind, long tag, long latencyPs);
}
