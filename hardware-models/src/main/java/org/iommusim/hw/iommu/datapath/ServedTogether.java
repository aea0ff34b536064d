package org.iommusim.hw.iommu.datapath;

/**
 * The requests one page walk served, completed together when that is provably the same as one by
 * one ({@link Walk}'s end): one by one, each would be translated, free its miss slot and its
 * in-flight slots, admit the waiters that now fit (each told at once, {@link Admission}), then be
 * handed back. Together, all are translated and free their slots first, the waiters their slots
 * let in are admitted in one pass ({@link Admission#releaseAndAdmit(int, int)}: the same waiters,
 * in the same order, as a run's release), and then all are handed back in order. Only the places
 * of the hand-backs move (after the admissions instead of between them), so the conditions make
 * every hand-back but the last one inert:
 * <ul>
 *   <li>all are of one device and have the same {@link RunCallback} (in the model: one DMA): a
 *       caller acts only on its last outstanding TLP (RunCallback's contract), which is among the
 *       last of them;</li>
 *   <li>its device hands back without a reorder buffer, or in order with them next to each other
 *       ({@link DevicePipelines#adjacent}): a hand-back releases no other finished request;</li>
 *   <li>the walk's translation serves each (no walk again, no fault), none fills a TBU micro-TLB,
 *       none is an ATS request, only the first (the walk's owner) can hold a miss slot — so what
 *       each does before its release is its own, and the owner's miss-slot release (which may
 *       start queued walks and resume stalled lookups) stays before every admission;</li>
 *   <li>TLP runs are allowed for the device ({@link TlpRuns#allowed}; off for checks).</li>
 * </ul>
 * A waiter admitted in the pass that completes at once (a synchronous path) is of an older
 * request's device at most behind these requests, so it is held by the reorder buffer exactly as
 * one by one; a waiter of another device is untouched by them. Statistics are unchanged: the
 * in-flight and waiting levels take their final values at one instant either way, and histograms
 * count values, not their order. {@code TlpRunsTest} compares against TLP by TLP on random work.
 */
final class ServedTogether {
    private ServedTogether() {
    }

    /**
     * Completes {@code served[0..n-1]} together and returns true, or returns false (nothing done)
     * when they must complete one by one ({@link TranslationProcess#walked}).
     */
    static boolean complete(TranslationProcess[] served, int n, int walkId, boolean translated, long hpa, int perms,
                            int pageShift) {
        if (n < 2 || !translated) {
            return false;
        }
        TranslationProcess first = served[0];
        IommuUnits u = first.u;
        if (!(first.callback instanceof RunCallback) || !u.runs.allowed(first.device)) {
            return false;
        }
        int tlps = 0;
        for (int i = 0; i < n; i++) {
            TranslationProcess p = served[i];
            if (p.callback != first.callback || p.device != first.device || !p.servedBy(true, perms)
                    || !p.inIommu() || p.ats || p.usesMicroTlb() || i > 0 && p.seat.holdsMissSlot()) {
                return false;
            }
            tlps += p.count;
        }
        if (!u.pipelines.adjacent(served, n)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            served[i].servedWith(walkId, hpa, perms, pageShift);
        }
        u.runs.servedTogether(n);
        u.admission.releaseAndAdmit(first.device, tlps);
        for (int i = 0; i < n; i++) {
            served[i].finish();
        }
        return true;
    }
}
