package org.iommusim.hw.iommu.datapath;

import org.iommusim.hw.pagetable.Access;

/**
 * The walk back end as a translation process sees it: an IOTLB miss (or a retry) joins the walk
 * in flight for its page, or starts a {@link Walk} that queues for one of the k walker slots.
 * Joining is per 4 KiB page of (domain, PASID); a joiner needing more permissions than the walk
 * checked walks again when it ends ({@link TranslationProcess#walked}).
 *
 * <p>Does not model: walker preemption, priorities between walks, walks of different pages
 * sharing reads.
 */
final class PageWalkers {
    private final WalkUnits units;

    PageWalkers(WalkUnits units) {
        this.units = units;
    }

    /** True if a walk of ({@code domain}, {@code pasid}, {@code iova})'s page is in flight (a miss would join it). */
    boolean inFlight(int domain, int pasid, long iova) {
        return units.inFlight.find(domain, pasid, iova) != null;
    }

    /** {@code p} walks the page: joins the walk in flight, or starts one. */
    void walk(TranslationProcess p, int domain, int pasid, long iova, Access access) {
        Walk joined = units.inFlight.find(domain, pasid, iova);
        if (joined != null) {
            joined.join(p);
            units.stats.joined.add(p.count); // a run of TLPs joins as its count of misses
            return;
        }
        units.inFlight.start().start(p, domain, pasid, iova, access);
    }

    /** Where lazy shadow fills go to be priced (see {@link LazyFillSink}). */
    void setLazyFillSink(LazyFillSink sink) {
        units.lazyFills = sink;
    }
}
