package org.iommusim.hw.cpu;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.resource.Client;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;

/**
 * Runs control-plane operations on the {@link HostCpu}: an operation queues for a core, holds
 * it for its CPU time (from a {@link ControlPlaneWork} through the {@link CostModel}, or given
 * directly), releases it and calls back. With more concurrent operations than cores, the
 * excess waits in FIFO order — control-plane contention.
 *
 * <p>Does not model: an operation that blocks without holding its core (sleeping), or one that
 * spans several cores. A multi-step operation that must hold its core across an external wait
 * (an invalidation queue's wait descriptor) uses {@link HostCpu#cores()} directly.
 *
 * <p>Statistics: per kind (see {@link OpKind}) and {@code <prefix>.cpu-time}, the total core
 * time charged. Kinds are declared up front so the statistics set never depends on the run.
 * Operations in flight are pooled objects with a reusable event: steady state allocates nothing.
 */
public final class ControlPlaneExecutor {
    private final Simulator sim;
    private final StatsRegistry stats;
    private final String prefix;
    private final HostCpu cpu;
    private final CostModel costs;
    private final Counter totalCpuTime;
    private final Map<String, OpKind> kinds = new LinkedHashMap<>();
    private Operation[] pool = new Operation[8];
    private int pooled;

    public ControlPlaneExecutor(Simulator sim, StatsRegistry stats, String prefix, HostCpu cpu, CostModel costs) {
        this.sim = sim;
        this.stats = stats;
        this.prefix = prefix;
        this.cpu = cpu;
        this.costs = costs;
        this.totalCpuTime = stats.counter(prefix + ".cpu-time", "ps",
                "host CPU time charged to control-plane operations");
    }

    /** Declares (or returns the already declared) kind called {@code name}, e.g. {@code map}. */
    public OpKind kind(String name) {
        OpKind k = kinds.get(name);
        if (k == null) {
            k = new OpKind(stats, prefix, name); // validates the name through the registry
            kinds.put(name, k);
        }
        return k;
    }

    public CostModel costs() {
        return costs;
    }

    public HostCpu cpu() {
        return cpu;
    }

    /** The CPU time {@code work} costs under this executor's cost model. */
    public long cpuTimePs(ControlPlaneWork work) {
        return costs.cpuTimePs(work);
    }

    /** Runs an operation of {@code kind} doing {@code work}; {@code callback} (may be null) hears {@code tag}. */
    public void run(OpKind kind, ControlPlaneWork work, long tag, OpCallback callback) {
        run(kind, costs.cpuTimePs(work), tag, callback);
    }

    /** Runs an operation of {@code kind} that needs {@code cpuTimePs} of core time. */
    public void run(OpKind kind, long cpuTimePs, long tag, OpCallback callback) {
        if (cpuTimePs < 0) {
            throw new IllegalArgumentException("CPU time must be >= 0 ps, got " + cpuTimePs);
        }
        if (kinds.get(kind.name()) != kind) {
            throw new IllegalArgumentException("operation kind '" + kind.name()
                    + "' was not declared by this executor");
        }
        Operation op = pooled == 0 ? new Operation() : pool[--pooled];
        op.kind = kind;
        op.cpuTimePs = cpuTimePs;
        op.tag = tag;
        op.callback = callback;
        op.startPs = sim.now();
        cpu.cores().request(op); // unbounded wait: never rejected
    }

    /** One operation in flight: a core client and its end-of-service event. */
    private final class Operation extends Event implements Client {
        OpKind kind;
        long cpuTimePs;
        long tag;
        OpCallback callback;
        long startPs;
        int slot;

        @Override
        public void granted(int grantedSlot, long waitedPs) {
            slot = grantedSlot;
            kind.queueing.record(waitedPs);
            sim.schedule(this, cpuTimePs);
        }

        @Override
        public void fire() {
            OpKind k = kind;
            long t = tag;
            OpCallback cb = callback;
            int heldSlot = slot;
            long latency = sim.now() - startPs;
            k.count.increment();
            k.cpuTime.add(cpuTimePs);
            totalCpuTime.add(cpuTimePs);
            k.latency.record(latency);
            kind = null;
            callback = null;
            if (pooled == pool.length) {
                pool = Arrays.copyOf(pool, pooled * 2);
            }
            pool[pooled++] = this;
            cpu.cores().release(heldSlot); // may grant the next waiting operation at once
            if (cb != null) {
                cb.done(k, t, latency);
            }
        }
    }
}
