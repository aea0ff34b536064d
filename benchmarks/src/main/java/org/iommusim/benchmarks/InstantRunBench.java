package org.iommusim.benchmarks;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.InstantBatch;
import org.iommusim.core.kernel.Simulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A run of zero-delay events at one instant — the pipelined IOTLB hits of one 64 KiB read (128
 * TLPs) — fired through the kernel one event each ({@code batched} = false: each goes to the
 * heap's instant lane and is popped from it) or through an {@link InstantBatch} ({@code true}:
 * one drain event for the run, each event a FIFO append and a direct call). 64 other events
 * are pending far in the future, as in a model. Each event is chained: the first
 * {@value #RUN} / 8 are scheduled together and each fired one schedules the next until
 * {@value #RUN} have fired (the admission pattern: a completing hit admits the next TLP).
 *
 * <p>JMH settings from {@link BenchSetup}. Score: ns per event (lower is better). The difference is what the hit path saves per TLP
 * translation in the kernel; everything else on that path is unchanged.
 */
public class InstantRunBench extends BenchSetup {
    /** Events fired per invocation. */
    static final int RUN = 128;

    /** Through an {@link InstantBatch} (true) or the kernel alone (false). */
    @Param({"false", "true"})
    public boolean batched;

    /** A simulator with 64 far-future events, the run's reusable events and the scheduler under test. */
    final Simulator sim = new Simulator();
    InstantBatch batch;
    final Event[] events = new Event[RUN];
    int scheduled;

    @Setup
    public void setUp() {
        batch = new InstantBatch(sim);
        for (int i = 0; i < 64; i++) {
            sim.scheduleAt(Event.of(() -> { }), Long.MAX_VALUE - i);
        }
        for (int i = 0; i < RUN; i++) {
            events[i] = new Event() {
                @Override
                public void fire() {
                    next();
                }
            };
        }
    }

    /** Schedules the run's next event at zero delay, if any is left. */
    void next() {
        if (scheduled < RUN) {
            Event e = events[scheduled++];
            if (batched) {
                batch.schedule(e, 0);
            } else {
                sim.schedule(e, 0);
            }
        }
    }

    /** One run of {@value #RUN} chained zero-delay events; the score is per event. */
    @Benchmark
    @OperationsPerInvocation(RUN)
    public void run(Blackhole bh) {
        scheduled = 0;
        for (int i = 0; i < RUN / 8; i++) {
            next();
        }
        sim.runUntil(sim.now());
        bh.consume(scheduled);
    }
}
