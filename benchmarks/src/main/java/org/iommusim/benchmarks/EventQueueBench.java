package org.iommusim.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The event kernel's future-event set ({@link Simulator} over its default
 * {@code LadderEventQueue}: a 4-ary heap with lazy cancellation that turns into a ladder queue
 * above 8,192 pending events).
 *
 * <p><b>hold</b>: the classic hold model with {@code pending} events in the queue (10^3: the
 * heap fits in the L1/L2 cache; 10^5: it does not, and the queue runs as a ladder). Each fired event reschedules itself at
 * now + an exponential increment (mean 1 µs), so the population stays constant and every
 * event is exactly one pop-min and one push. The increments are drawn once in {@code @Setup}
 * into a 64 Ki-entry table that the events read in turn. One invocation fires
 * {@value #BATCH} events through {@link Simulator#runEvents(long)} (the real event loop); the
 * score is per event.
 *
 * <p><b>scheduleFire</b>: the fixed cost of the kernel API on an empty queue — one
 * {@link Simulator#schedule(Event, long)} (argument checks, order key, heap push) then one
 * {@code runEvents(1)} (pop, clock update, virtual {@link Event#fire()}) of a no-op event.
 *
 * <p><b>scheduleFireAmong</b>: the same cycle with 64 other events pending far in the future (a
 * model's usual population), at {@code delay} 1000 ps (the 4-ary heap: a sift up and a pop with
 * a sift down over 65 entries) or 0 ps (an event for the instant being fired: it goes to the
 * heap's {@code InstantLane}, an append and a pop, the path of a pipelined IOTLB hit).
 *
 * <p>How to read: scores are ns per event (lower is better); 1000 / score = million events
 * per second, comparable with {@code ./iommusim bench kernel}'s hold-N lines. The difference
 * between the two populations is the cost of the heap's depth and of cache misses.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xmx2g"})
public class EventQueueBench {
    /** Events fired per invocation of {@link #hold}. */
    static final int BATCH = 1024;
    /** Mean increment of the hold model, ps (1 µs). */
    static final double MEAN_PS = 1_000_000;
    private static final int INCREMENTS = 1 << 16;

    /** A simulator holding {@code pending} self-rescheduling events. */
    @State(Scope.Thread)
    public static class Hold {
        /** Number of pending events (constant during the run). */
        @Param({"1000", "100000"})
        public int pending;

        Simulator sim;
        final long[] increments = new long[INCREMENTS];
        int next;

        /** A reusable event that reschedules itself at now + the next precomputed increment. */
        private final class HoldEvent extends Event {
            @Override
            public void fire() {
                sim.schedule(this, increments[next++ & (INCREMENTS - 1)]);
            }
        }

        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom rnd = new SplittableRandom(42);
            for (int i = 0; i < INCREMENTS; i++) {
                increments[i] = (long) (-Math.log(1.0 - rnd.nextDouble()) * MEAN_PS + 0.5);
            }
            sim = new Simulator();
            for (int i = 0; i < pending; i++) {
                sim.schedule(new HoldEvent(), increments[next++ & (INCREMENTS - 1)]);
            }
            // Reach the steady state: a held population is not distributed like the initial one.
            sim.runEvents(10L * pending);
        }
    }

    /** An empty simulator and one reusable no-op event. */
    @State(Scope.Thread)
    public static class Cycle {
        final Simulator sim = new Simulator();
        final Event noop = new Event() {
            @Override
            public void fire() {
                // Nothing: the cycle measures the kernel alone.
            }
        };
    }

    /** A simulator with 64 events pending at the far end of time, and one reusable no-op event. */
    @State(Scope.Thread)
    public static class Among {
        /** Delay of the measured event: 0 (the instant lane) or 1000 ps (the heap). */
        @Param({"0", "1000"})
        public long delay;

        final Simulator sim = new Simulator();
        final Event noop = new Event() {
            @Override
            public void fire() {
                // Nothing: the cycle measures the kernel alone.
            }
        };

        @Setup(Level.Trial)
        public void setUp() {
            for (int i = 0; i < 64; i++) {
                sim.scheduleAt(Event.of(() -> { }), Long.MAX_VALUE - i);
            }
        }
    }

    /** Pop-min + push of one event at a constant population; the score is per event. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void hold(Hold s, Blackhole bh) {
        bh.consume(s.sim.runEvents(BATCH));
        bh.consume(s.sim.now());
    }

    /** Schedule one event on an empty simulator, then fire it. */
    @Benchmark
    public void scheduleFire(Cycle s, Blackhole bh) {
        s.sim.schedule(s.noop, 1000);
        bh.consume(s.sim.runEvents(1));
        bh.consume(s.sim.now());
    }

    /** Schedule one event among 64 pending ones, then fire it (the earliest). */
    @Benchmark
    public void scheduleFireAmong(Among s, Blackhole bh) {
        s.sim.schedule(s.noop, s.delay);
        bh.consume(s.sim.runEvents(1));
        bh.consume(s.sim.now());
    }
}
