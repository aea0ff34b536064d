package org.iommusim.scenarios.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code bench kernel}: events per second of the {@link org.iommusim.core.kernel.Simulator}
 * against a minimal primitive-heap loop doing the same work in the same JVM.
 *
 * <p>Method: each model runs {@code warmups} times on both sides to let the JIT compile the
 * loops, then {@code rounds} measured times, alternating kernel and baseline so that machine
 * noise hits both alike; the figure is the median of the measured rounds. Models: M/M/1 with
 * mean interarrival 1 µs and mean service 0.8 µs (2 events per customer; the mean wait must
 * come out near the closed form 3.2 µs) — once with the JDK's fast generator so the figure is
 * about the kernel, once ({@code mm1-streams}) with the models' own Commons Math streams — and
 * the hold model at two population sizes.
 */
public final class KernelBench {
    /** Mean interarrival and service of the M/M/1 model, in ps (1.0 and 0.8 time units of 1 µs). */
    static final double MM1_INTERARRIVAL_PS = 1_000_000;
    static final double MM1_SERVICE_PS = 800_000;
    static final double HOLD_MEAN_PS = 1_000_000;

    /** How much work to do. */
    public record Options(long customers, long holdEvents, int[] holdSizes, int warmups, int rounds, long seed) {
        public static Options defaults() {
            return new Options(1_000_000, 2_000_000, new int[] {1_000, 100_000}, 3, 5, 42);
        }

        public Options {
            if (customers < 1 || holdEvents < 1 || warmups < 0 || rounds < 1 || holdSizes.length == 0) {
                throw new IllegalArgumentException("bench sizes must be positive (customers, events, rounds)");
            }
            holdSizes = holdSizes.clone();
        }

        @Override
        public int[] holdSizes() {
            return holdSizes.clone();
        }
    }

    /** One benchmark line: events/s of the kernel and of the baseline (medians), their ratio, a check value. */
    public record Result(String model, long events, double kernelEventsPerSec, double baselineEventsPerSec,
                         double ratio, String check) {
    }

    private KernelBench() {
    }

    public static List<Result> run(Options o) {
        List<Result> results = new ArrayList<>();
        long[] events = new long[1];
        double[] wait = new double[1];
        for (ExpSampler.Source src : ExpSampler.Source.values()) {
            String name = src == ExpSampler.Source.JDK ? "mm1" : "mm1-streams";
            results.add(measure(name, o, events,
                    () -> { wait[0] = MM1Models.kernel(src, o.customers(), MM1_INTERARRIVAL_PS, MM1_SERVICE_PS,
                                o.seed(), events);
                            return events[0]; },
                    () -> { MM1Models.baseline(src, o.customers(), MM1_INTERARRIVAL_PS, MM1_SERVICE_PS, o.seed(),
                                events);
                            return events[0]; },
                    () -> String.format(java.util.Locale.ROOT, "mean wait %.3f us (closed form 3.200 us)",
                            wait[0] / 1e6)));
        }
        for (int size : o.holdSizes()) {
            long[] clocks = new long[2];
            results.add(measure("hold-" + size, o, events,
                    () -> { clocks[0] = HoldModels.kernel(size, o.holdEvents(), HOLD_MEAN_PS, o.seed());
                            return o.holdEvents(); },
                    () -> { clocks[1] = HoldModels.baseline(size, o.holdEvents(), HOLD_MEAN_PS, o.seed());
                            return o.holdEvents(); },
                    () -> clocks[0] == clocks[1] ? "final clocks agree" : "final clocks DIFFER"));
        }
        return results;
    }

    /**
     * Events/s of one M/M/1 run of {@code customers} on the kernel (JDK generator): the same-run
     * yardstick other benchmarks (bench model) divide by to normalise for machine load.
     */
    public static double mm1EventsPerSecond(long customers, long seed) {
        long[] events = new long[1];
        long t0 = System.nanoTime();
        MM1Models.kernel(ExpSampler.Source.JDK, customers, MM1_INTERARRIVAL_PS, MM1_SERVICE_PS, seed, events);
        return events[0] / ((System.nanoTime() - t0) / 1e9);
    }

    private static Result measure(String model, Options o, long[] events, LongSupplier kernel, LongSupplier baseline,
                                  java.util.function.Supplier<String> check) {
        for (int i = 0; i < o.warmups(); i++) {
            kernel.getAsLong();
            baseline.getAsLong();
        }
        double[] k = new double[o.rounds()];
        double[] b = new double[o.rounds()];
        long n = 0;
        for (int i = 0; i < o.rounds(); i++) {
            long t0 = System.nanoTime();
            n = kernel.getAsLong();
            long t1 = System.nanoTime();
            b[i] = baseline.getAsLong() / ((System.nanoTime() - t1) / 1e9);
            k[i] = n / ((t1 - t0) / 1e9);
        }
        double km = median(k);
        double bm = median(b);
        return new Result(model, n, km, bm, km / bm, check.get());
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
