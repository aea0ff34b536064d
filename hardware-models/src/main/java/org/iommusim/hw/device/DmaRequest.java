package org.iommusim.hw.device;

import org.iommusim.core.kernel.Event;
import org.iommusim.hw.iommu.datapath.TranslationCallback;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.pcie.LinkCallback;

/**
 * One DMA request of a {@link DmaEngine}, pooled and reused: it is its own translation
 * callback, link callback and memory-access event, so a request allocates nothing. The engine
 * drives its phases ({@link Phase}); this class only holds state and forwards.
 */
final class DmaRequest extends Event implements TranslationCallback, LinkCallback {
    /** Where a request is. */
    enum Phase { ISSUE, REQUEST_UP, TRANSLATE, MEMORY, COMPLETION_DOWN }

    private final DmaEngine engine;
    long iova;
    int length;
    Access access;
    int pasid;
    long tag;
    long arrival;
    long translateStart;
    int pendingTranslations;
    FaultReason fault;
    Phase phase;
    DmaRequest nextFree;

    DmaRequest(DmaEngine engine) {
        this.engine = engine;
    }

    @Override
    public void delivered(long tag, long latencyPs) {
        engine.linkDone(this);
    }

    @Override
    public void translated(long tag, boolean ok, long hpa, FaultReason reason, int stage, long latencyPs) {
        engine.translationDone(this, ok, reason, latencyPs);
    }

    @Override
    public void fire() {
        engine.fired(this);
    }
}
