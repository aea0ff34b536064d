package org.iommusim.hw.workload;

import org.iommusim.hw.ioasid.InvalidateRequest;
import org.iommusim.hw.iommu.control.TimedControlPlane;

/**
 * Models a user of a bind-invalidate IOASID that invalidates a range at a steady rate, stepping
 * through a span window by window (e.g. a guest's periodic flush, or an SVA process's TLB
 * shootdowns forwarded to the IOMMU). Under hardware nesting each is a pass-through of
 * descriptors; under software nesting the host also re-walks the guest table over the range and
 * rewrites the shadow — both charged by {@link TimedControlPlane}. Statistics: those of
 * {@link WorkloadStats}. Does not model: which ranges actually changed (it invalidates whether or
 * not the table did), PASID-wide or global invalidations.
 */
final class RangeInvalidations extends Periodic {
    private final RangeInvalidationsConfig config;
    private final TimedControlPlane tcp;
    private final WorkloadStats stats;
    private final long windows;
    private long next;
    /** The windows' requests, made once per window. */
    private final RangeRequests requests;

    RangeInvalidations(WorkloadContext ctx, String prefix, RangeInvalidationsConfig config) {
        super(ctx, prefix, config.ratePerSecond(), config.poisson(), config.interArrival());
        if (ctx.cp().ioasid(config.ioasid()) == null) {
            throw new IllegalArgumentException(prefix + ": no IOASID " + config.ioasid());
        }
        this.config = config;
        this.tcp = ctx.tcp();
        this.stats = new WorkloadStats(ctx.stats(), prefix);
        this.windows = config.spanBytes() / config.rangeBytes();
        this.requests = new RangeRequests(windows);
    }

    @Override
    public String name() {
        return RangeInvalidationsConfig.NAME;
    }

    @Override
    public WorkloadStats stats() {
        return stats;
    }

    @Override
    void tick() {
        long start = config.start() + next * config.rangeBytes();
        InvalidateRequest.Range request = requests.get(next, start, config.rangeBytes(), config.leafOnly());
        next = (next + 1) % windows;
        tcp.invalidate(config.ioasid(), request, config.guest(), stats.record(null));
    }
}
