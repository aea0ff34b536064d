package org.iommusim.hw.workload;

import java.util.List;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.iommu.control.OpStats;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.iommu.inval.ExplicitInvalidation;
import org.iommusim.hw.iommu.inval.InvalidationSubmitter;

/**
 * Models a host agent (a driver, a test harness, a hypervisor's vIOMMU back end) that writes
 * explicit invalidation commands into the IOMMU's queue at a steady rate, on any IOASID —
 * map-unmap or bind-invalidate alike, since no table changes. Each command is an operation of
 * the timed control plane: a host core writes its descriptors (priced as user descriptors:
 * {@code host.costs.descriptor} each), then the commands and a wait enter the queue; the
 * operation completes when the wait does. The caches lose exactly what the architecture's
 * command covers ({@link ExplicitInvalidation}). Statistics: {@link WorkloadStats} (latency =
 * arrival to the wait's completion).
 *
 * <p>Does not model: the host core spinning on the wait (it is released after the writes).
 */
final class InvalidationCommands extends Periodic {
    private final InvalidationCommandsConfig config;
    private final TimedControlPlane tcp;
    private final InvalidationSubmitter submitter;
    private final WorkloadStats stats;
    private final long windows;
    private final org.iommusim.core.kernel.Simulator sim;
    private long next;

    InvalidationCommands(WorkloadContext ctx, String prefix, InvalidationCommandsConfig config) {
        super(ctx, prefix, config.ratePerSecond(), config.poisson(), config.interArrival());
        if (ctx.cp().ioasid(config.ioasid()) == null) {
            throw new IllegalArgumentException(prefix + ": no IOASID " + config.ioasid());
        }
        this.config = config;
        this.tcp = ctx.tcp();
        this.submitter = tcp.submitter();
        this.stats = new WorkloadStats(ctx.stats(), prefix);
        this.windows = config.spanBytes() / config.bytes();
        this.sim = ctx.sim();
    }

    @Override
    public String name() {
        return InvalidationCommandsConfig.NAME;
    }

    @Override
    public WorkloadStats stats() {
        return stats;
    }

    @Override
    void tick() {
        ExplicitInvalidation e = config.request(next);
        next = (next + 1) % windows;
        long arrived = sim.now();
        long descriptors = submitter.descriptorsFor(e) + 1; // and the wait
        Effects writes = new Effects(0, 0, 0, 0, 0, 0, 0, 0, descriptors, List.of(), List.of());
        TimedControlPlane.Done done = stats.record(null);
        tcp.run(OpStats.Kind.INVALIDATE, false, () -> Result.ok(writes), (r, l) -> {
            if (!r.isOk()) {
                done.done(r, l);
                return;
            }
            submitter.submitExplicit(e, () -> done.done(r, sim.now() - arrived));
        });
    }
}
