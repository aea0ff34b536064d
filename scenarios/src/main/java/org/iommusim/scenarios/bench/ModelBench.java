package org.iommusim.scenarios.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.iommusim.scenarios.config.EffectiveConfig;
import org.iommusim.scenarios.model.Assembly;
import org.iommusim.scenarios.model.Located;
import org.iommusim.scenarios.schema.Scenario;
import org.iommusim.scenarios.model.ScenarioSchema;

/**
 * {@code bench model}: runs each {@link ModelWorkload} through the whole model and measures it.
 *
 * <p>Method: per workload, {@code warmups} unmeasured runs (JIT), then {@code rounds} measured
 * ones; each measured round first runs a short M/M/1 on the kernel (the same-run yardstick,
 * {@link KernelBench#mm1EventsPerSecond}) and then builds (timed apart as setup) and runs one
 * replication (the statistics snapshot at its end is timed apart too: only the simulation
 * itself, up to the end of simulated time, is divided by). Figures are medians over rounds: translations (the devices' requested page
 * translations) and events per wall-clock second of the run alone, bytes the thread allocated
 * per translation and per second, the heap pools' peak use; the ratio of translations/s to the
 * yardstick's events/s normalises for machine speed, and translations per CPU-second of the
 * thread (time the thread was descheduled not counted) are the figure least moved by other
 * load on a shared machine. After the rounds the live heap of one
 * finished replication is measured (after a full GC, the model still reachable), and with
 * {@code memory} again for a run ten times as long: it must not grow with simulated time.
 */
public final class ModelBench {
    /** What to run. {@code sets} are extra {@code --set} overrides applied to every workload. */
    public record Options(List<ModelWorkload> workloads, List<String> sets, int warmups, int rounds,
                          long yardstickCustomers, boolean memory) {
        public Options {
            if (workloads.isEmpty() || warmups < 0 || rounds < 1 || yardstickCustomers < 1) {
                throw new IllegalArgumentException("need a workload, rounds >= 1, warmups >= 0");
            }
            workloads = List.copyOf(workloads);
            sets = List.copyOf(sets);
        }
    }

    /** One workload's figures (medians over the measured rounds unless said otherwise). */
    public record Result(String workload, String what, long simulatedPs, long events, long translations,
                         double setupSeconds, double runSeconds, double snapshotSeconds, double translationsPerSecond,
                         double translationsPerCpuSecond,
                         double eventsPerSecond, double eventsPerTranslation, double allocatedBytesPerSecond,
                         double allocatedBytesPerTranslation, long peakHeapBytes, long liveHeapBytes,
                         long liveHeapBytesTenfold, double kernelEventsPerSecond, double ratioToKernel,
                         double targetTranslationsPerCpuSecond, boolean targetMet) {
    }

    private record Round(double setup, double run, double cpu, double snapshot, long events, long translations,
                         long allocated, long peak, double kernel) {
    }

    private ModelBench() {
    }

    /** Runs every workload of {@code o} in order. */
    public static List<Result> run(Options o) {
        List<Result> results = new ArrayList<>();
        for (ModelWorkload w : o.workloads()) {
            results.add(measure(w, o));
        }
        return results;
    }

    /** Loads a workload's scenario with {@code sets} (the bench scenarios have no variants). */
    public static EffectiveConfig<Scenario> load(ModelWorkload w, List<String> sets) {
        return ScenarioSchema.loader().load(w.text(), w.name() + ".yaml", sets);
    }

    private static Result measure(ModelWorkload w, Options o) {
        EffectiveConfig<Scenario> config = load(w, o.sets());
        for (int i = 0; i < o.warmups(); i++) {
            round(config, o, false);
        }
        Round[] rs = new Round[o.rounds()];
        for (int i = 0; i < rs.length; i++) {
            rs[i] = round(config, o, true);
        }
        long live = liveHeap(config);
        long tenfold = -1;
        if (o.memory()) {
            List<String> longer = new ArrayList<>(o.sets());
            longer.add("duration=" + 10 * config.value().duration() + "ps");
            tenfold = liveHeap(load(w, longer));
        }
        Round last = rs[rs.length - 1];
        double tps = median(rs, r -> r.translations / r.run);
        double cpuTps = median(rs, r -> r.translations / r.cpu);
        double kernel = median(rs, r -> r.kernel);
        long peak = 0;
        for (Round r : rs) {
            peak = Math.max(peak, r.peak);
        }
        return new Result(w.name(), w.what(), config.value().warmup() + config.value().duration(), last.events,
                last.translations, median(rs, r -> r.setup), median(rs, r -> r.run), median(rs, r -> r.snapshot), tps,
                cpuTps,
                median(rs, r -> r.events / r.run), last.events / (double) Math.max(1, last.translations),
                median(rs, r -> r.allocated / r.run), median(rs, r -> r.allocated / (double) Math.max(1, r.translations)),
                peak, live, tenfold, kernel, tps / kernel, w.targetPerS(), w.targetPerS() > 0 && cpuTps >= w.targetPerS());
    }

    private static Round round(EffectiveConfig<Scenario> config, Options o, boolean measured) {
        double kernel = measured ? KernelBench.mm1EventsPerSecond(o.yardstickCustomers(), 42) : 0;
        List<MemoryPoolMXBean> heap = heapPools();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long t0 = System.nanoTime();
        Assembly a = build(config);
        long t1 = System.nanoTime();
        long alloc0 = allocatedBytes();
        long cpu0 = cpuNanos();
        long[] simulated = new long[3];
        a.run(new Assembly.Monitor() {
            @Override
            public void progressed(long simulatedPs, long events) {
                simulated[0] = System.nanoTime();
                simulated[1] = allocatedBytes();
                simulated[2] = cpuNanos();
            }
        });
        long t2 = simulated[0];
        long alloc1 = simulated[1];
        long snapshot = System.nanoTime() - t2;
        long peak = 0;
        for (MemoryPoolMXBean p : heap) {
            peak += p.getPeakUsage().getUsed();
        }
        return new Round((t1 - t0) / 1e9, (t2 - t1) / 1e9, (simulated[2] - cpu0) / 1e9, snapshot / 1e9,
                a.simulator().eventsExecuted(),
                a.translationsRequested(), alloc1 - alloc0, peak, kernel);
    }

    private static Assembly build(EffectiveConfig<Scenario> config) {
        return new Assembly(config.value(), Path.of("."), new Located(config), config.value().seed(), 0);
    }

    /** Used heap after a full GC with one finished replication still reachable, minus the heap without it. */
    private static long liveHeap(EffectiveConfig<Scenario> config) {
        long before = usedAfterGc();
        Assembly a = build(config);
        a.run();
        long after = usedAfterGc();
        Reference.reachabilityFence(a);
        return Math.max(0, after - before);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        List<MemoryPoolMXBean> pools = new ArrayList<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isValid()) {
                pools.add(p);
            }
        }
        return pools;
    }

    /**
     * The thread MXBean, looked up once: each {@link ManagementFactory#getThreadMXBean} call
     * allocates (a stream pipeline over the platform components, ~1 KB), and the progress monitor
     * reads the counters 200 times per run, which would count the bench's own bytes as the model's.
     */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU time of this thread so far (unlike wall time, not inflated when other work takes the CPU). */
    static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** Bytes this thread allocated so far (HotSpot's per-thread counter), or 0 where unsupported. */
    static long allocatedBytes() {
        if (THREADS instanceof com.sun.management.ThreadMXBean t) {
            return t.getCurrentThreadAllocatedBytes();
        }
        return 0;
    }

    private static double median(Round[] rs, java.util.function.ToDoubleFunction<Round> f) {
        double[] xs = new double[rs.length];
        for (int i = 0; i < rs.length; i++) {
            xs[i] = f.applyAsDouble(rs[i]);
        }
        Arrays.sort(xs);
        int m = xs.length / 2;
        return xs.length % 2 == 1 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
    }
}
