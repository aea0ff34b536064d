package org.iommusim.benchmarks;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.kernel.TimeBatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The IOTLB misses of one instant — when a page walk ends, the {@value #GROUP} write TLPs that
 * joined it complete together, each admits a waiting TLP, and their lookups all miss one IOTLB
 * latency (3 ns) later — scheduled through the kernel one event each ({@code batched} = false:
 * each is a heap insert and a heap pop) or through a {@link TimeBatch} ({@code true}: one drain
 * event for the group, each event a FIFO append and a direct call). 32 other events stay pending
 * a little later (in the model, PCIe arrivals and walk reads: shadow-churn's heap holds ~34), and
 * each invocation moves them on, so the heap the group meets keeps its size.
 *
 * <p>JMH settings from {@link BenchSetup}. Score: ns per miss event (lower is better); the other
 * events' own cost is the same on both sides.
 */
public class TimeBatchBench extends BenchSetup {
    /** Misses found at one instant per invocation. */
    static final int GROUP = 16;
    /** The IOTLB lookup latency the misses are found after (ps). */
    static final long LATENCY = 3_000;

    /** Through a {@link TimeBatch} (true) or the kernel alone (false). */
    @Param({"false", "true"})
    public boolean batched;

    final Simulator sim = new Simulator();
    TimeBatch batch;
    final Event[] misses = new Event[GROUP];
    int fired;

    @Setup
    public void setUp() {
        batch = new TimeBatch(sim);
        for (int i = 0; i < GROUP; i++) {
            misses[i] = new Event() {
                @Override
                public void fire() {
                    fired++;
                }
            };
        }
        for (int i = 0; i < 32; i++) {
            long at = LATENCY + 1 + i * 997L;
            sim.scheduleAt(new Event() {
                @Override
                public void fire() {
                    sim.schedule(this, 32 * 997L); // stays pending, later than the next group
                }
            }, at);
        }
    }

    /** One group of {@value #GROUP} misses scheduled at one instant and fired; the score is per miss. */
    @Benchmark
    @OperationsPerInvocation(GROUP)
    public void group(Blackhole bh) {
        for (Event e : misses) {
            if (batched) {
                batch.schedule(e, LATENCY);
            } else {
                sim.schedule(e, LATENCY);
            }
        }
        sim.runUntil(sim.now() + LATENCY);
        bh.consume(fired);
    }
}
