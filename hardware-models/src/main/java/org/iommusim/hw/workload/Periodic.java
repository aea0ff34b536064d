package org.iommusim.hw.workload;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.Distribution;
import org.iommusim.core.random.DistributionSpec;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.Counter;
import org.iommusim.hw.iommu.control.TimedControlPlane;

/**
 * The arrival process shared by the workloads: an open loop at {@code ratePerSecond}, either at
 * fixed intervals (the k-th tick at start + round(k · interval), no drift) or as a Poisson
 * process drawing from stream {@code <prefix>.arrivals} — or, given an inter-arrival
 * distribution, with gaps drawn from it (ps, same stream; the rate is then unused). Ticks do not wait for earlier
 * operations to complete: a slow control plane builds a queue on the host cores — up to the
 * host's queue limit; a tick that finds the host work queue full is held back (back-pressure:
 * the behaviour does not happen, {@code <prefix>.refused} and {@code cp.refused} count it), so
 * overload keeps memory flat instead of queueing without bound.
 */
abstract class Periodic implements ControlWorkload {
    private final Simulator sim;
    private final TimedControlPlane tcp;
    private final Counter refused;
    private final double intervalPs;
    private final Distribution poisson; // drawn gaps (Poisson or a given distribution); null = fixed intervals
    private final Event tick = Event.of(this::fire);
    private long startedAt;
    private long ticks;
    private boolean running;

    Periodic(WorkloadContext ctx, String prefix, double ratePerSecond, boolean poisson, DistributionSpec interArrival) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException(prefix + ": rate must be positive and finite, got " + ratePerSecond);
        }
        this.sim = ctx.sim();
        this.tcp = ctx.tcp();
        this.refused = ctx.stats().counter(prefix + ".refused", "ticks",
                "ticks held back because the host work queue was full (back-pressure)");
        RandomStreams streams = ctx.streams();
        this.intervalPs = 1e12 / ratePerSecond;
        if (interArrival != null) {
            this.poisson = streams.stream(prefix + ".arrivals").create(interArrival);
        } else {
            this.poisson = poisson ? streams.stream(prefix + ".arrivals").exponential(intervalPs) : null;
        }
    }

    @Override
    public final void start() {
        if (running) {
            throw new IllegalStateException(name() + " is already running");
        }
        running = true;
        startedAt = sim.now();
        ticks = 0;
        sim.schedule(tick, poisson != null ? poisson.sampleLong() : Math.round(intervalPs));
    }

    @Override
    public final void stop() {
        running = false;
        sim.cancel(tick);
    }

    private void fire() {
        if (!running) {
            return;
        }
        ticks++;
        if (poisson != null) {
            sim.schedule(tick, poisson.sampleLong());
        } else {
            sim.scheduleAt(tick, startedAt + Math.round((ticks + 1) * intervalPs));
        }
        if (!tcp.accepting()) {
            refused.increment();
            tcp.refuse();
            return;
        }
        tick();
    }

    /** One operation (or one step of the behaviour) is due now. */
    abstract void tick();

    final Simulator sim() {
        return sim;
    }
}
