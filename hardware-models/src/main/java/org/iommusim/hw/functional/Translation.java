package org.iommusim.hw.functional;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.pagetable.FaultReason;

/**
 * A reusable result of one translation. On success: the HPA, the page shift of the
 * translation (the smaller of the stages' leaves) and the effective permissions. On a fault:
 * the reason, the stage (1 = the attached IOASID's own table, 2 = its parent, 0 = no
 * attachment) and the faulting address at that stage (IOVA or GPA). For a shadow fault the
 * host classified it ({@link #shadowFault}); {@link #stale} says the guest table would have
 * translated but the shadow had not been told; lazy fills done on the way, with their
 * effects, are listed. Cleared by each translate call; never allocates on the hit path.
 */
public final class Translation {
    public boolean ok;
    public long hpa;
    public int pageShift;
    public int perms;
    public FaultReason reason;
    public int stage;
    public long faultAddress;
    /** The attached IOASID, or -1. */
    public int ioasid;
    public boolean shadowFault;
    public boolean stale;
    public int lazyFills;
    /** Guest PTEs the host read while classifying a shadow fault. */
    public long hostGuestPtesRead;
    private final List<Effects> lazyFillEffects = new ArrayList<>();

    void reset() {
        ok = false;
        hpa = 0;
        pageShift = 0;
        perms = 0;
        reason = null;
        stage = 0;
        faultAddress = 0;
        ioasid = -1;
        shadowFault = false;
        stale = false;
        lazyFills = 0;
        hostGuestPtesRead = 0;
        if (!lazyFillEffects.isEmpty()) {
            lazyFillEffects.clear();
        }
    }

    boolean fault(FaultReason why, int atStage, long address) {
        ok = false;
        reason = why;
        stage = atStage;
        faultAddress = address;
        return false;
    }

    void addLazyFill(Effects effects) {
        lazyFills++;
        lazyFillEffects.add(effects);
    }

    /** Effects of the lazy fills this translation caused (shadow syncs and invalidations). */
    public List<Effects> lazyFillEffects() {
        return lazyFillEffects;
    }

    /** "hpa 0x..." or "fault REASON stage N", for messages. */
    public String describe() {
        return ok ? String.format("hpa 0x%x", hpa) : "fault " + reason + " stage " + stage + (stale ? " (stale)" : "");
    }
}
