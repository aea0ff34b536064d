package org.iommusim.hw.iommu.datapath;

import org.iommusim.core.kernel.Event;
import org.iommusim.hw.cache.Iotlb;
import org.iommusim.hw.iommu.ats.AtcPendingMisses;
import org.iommusim.hw.iommu.ats.AtsConfig;
import org.iommusim.hw.pagetable.FaultReason;

/**
 * The device-side steps of a translation request whose device has an ATC (PCIe ATS), in
 * execution order: the ATC lookup (a hit is done after the ATC latency), a miss merged with the
 * device's pending request for its page or queued for a pending-miss entry, the ATS request over
 * the link to the IOMMU ({@link #admit}) — and, once the IOMMU is done ({@link TranslationProcess}),
 * the answer back over the link filling the ATC. The IOMMU's steps are in its only subclass,
 * {@link TranslationProcess}, which calls in here at {@link #lookUpAtc} and {@link #answerOverLink};
 * the state is {@link TranslationRequest}'s. Does not model: the link's serialisation or credits
 * for ATS messages (a fixed link latency each way); ATC invalidations are {@code iommu.inval}'s.
 */
abstract class AtcSteps extends TranslationRequest implements AtcPendingMisses.Waiter {
    private final Event atcHit = Event.of(this::finish);
    private final Event atsRequestArrived = Event.of(this::admit);
    private final Event atsAnswerArrived = Event.of(this::atsReturned);

    AtcSteps(IommuUnits units, int id) {
        super(units, id);
    }

    /** The IOMMU's admission of a request (its ATS request arrived): {@link TranslationProcess}. */
    abstract void admit();

    /** Done: to its device's reorder buffer ({@link TranslationProcess}). */
    abstract void finish();

    /** Device side: an ATC hit is done after the ATC latency; a miss goes over the link to the IOMMU. */
    final void lookUpAtc() {
        Iotlb atc = u.atcs.atc(device);
        AtsConfig c = u.atcs.config(device);
        int slot = atc.lookup(0, pasid, iova);
        if (slot != Iotlb.MISS && permits(atc, slot)) {
            translatedBy(atc, slot);
            u.oracle.atcHit(id, device, iova, slot, atc.pageSize(slot));
            callback.accepted(tag);
            u.sim.schedule(atcHit, c.atc().latencyPs());
        } else {
            int entry = u.atcs.pending(device).miss(pasid, iova, this);
            if (entry == AtcPendingMisses.MERGED || entry == AtcPendingMisses.QUEUED) {
                return; // answered by mergedAnswer or retryAtc
            }
            atcEntry = entry;
            ats = true;
            u.sim.schedule(atsRequestArrived, c.atc().latencyPs() + c.linkPs());
        }
    }

    /**
     * The request this miss merged with was answered: the ATC holds the page (a hit under miss) or
     * the page has no translation (failed); an entry without its access (or evicted): ask again.
     */
    @Override
    public final void mergedAnswer(long pageSize, FaultReason why, int atStage) {
        Iotlb atc = u.atcs.atc(device);
        int slot = pageSize == 0 ? Iotlb.MISS : atc.find(0, pasid, iova, pageSize);
        if (pageSize == 0) {
            failedWith(why, atStage);
        } else if (slot == Iotlb.MISS || !permits(atc, slot)) {
            lookUpAtc();
            return;
        } else {
            translatedBy(atc, slot);
            u.oracle.atcHit(id, device, iova, slot, atc.pageSize(slot));
        }
        callback.accepted(tag);
        u.sim.schedule(atcHit, 0);
    }

    /** A pending-miss entry of its ATC freed while this miss waited for one: look up again. */
    @Override
    public final void retryAtc() {
        lookUpAtc();
    }

    /** The IOMMU is done with this ATS request: its answer travels back over the link. */
    final void answerOverLink() {
        u.sim.schedule(atsAnswerArrived, u.atcs.config(device).linkPs());
    }

    /** An ATS completion reached the device: fill its ATC, end the request. */
    private void atsReturned() {
        if (ok) {
            u.oracle.fillFromRequest(id, domain);
            u.atcs.fill(device, pasid, iova, pageShift, hpa, perms, domain);
        }
        if (atcEntry >= 0) {
            int entry = atcEntry;
            atcEntry = -1;
            u.atcs.pending(device).answered(entry, ok ? 1L << pageShift : 0, reason, stage);
        }
        finish();
    }
}
