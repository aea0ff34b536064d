package org.iommusim.hw.ioasid;

import org.iommusim.hw.pagetable.FaultReason;

/**
 * A reusable holder for a host-side (software) translation or fault classification: on
 * success the host address, page shift and permissions; on failure the reason and the stage
 * relative to the IOASID asked (1 = its own table, 2 = any ancestor), and whether a shadow
 * was stale (the source would have translated but the shadow had no such entry).
 */
public final class Resolution {
    public boolean ok;
    public long hpa;
    public int shift;
    public int perms;
    public FaultReason reason;
    public int stage;
    public boolean stale;
    /** Guest PTEs the host read to classify. */
    public long guestPtesRead;

    void reset() {
        ok = false;
        hpa = 0;
        shift = 0;
        perms = 0;
        reason = null;
        stage = 0;
        stale = false;
        guestPtesRead = 0;
    }

    boolean fail(FaultReason why, int atStage) {
        ok = false;
        reason = why;
        stage = atStage;
        return false;
    }

    boolean succeed(long addr, int pageShift, int permissions) {
        ok = true;
        hpa = addr;
        shift = pageShift;
        perms = permissions;
        reason = null;
        stage = 0;
        return true;
    }
}
