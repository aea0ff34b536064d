package org.iommusim.scenarios.bench;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;

/**
 * The M/M/1 benchmark model twice: once on the {@link Simulator} with two reusable events,
 * once as a minimal loop over a primitive binary heap. Both simulate {@code customers}
 * arrivals (2 events per customer) and return the mean waiting time in queue (ps), which the
 * benchmark checks against the closed form so that neither loop can cheat.
 */
final class MM1Models {
    private MM1Models() {
    }

    /** M/M/1 on the kernel; returns mean wait in queue in ps. */
    static double kernel(ExpSampler.Source src, long customers, double meanInterarrivalPs, double meanServicePs, long seed,
                         long[] eventsOut) {
        Simulator sim = new Simulator();
        ExpSampler arrivals = new ExpSampler(src, seed, meanInterarrivalPs);
        ExpSampler services = new ExpSampler(src, seed + 1, meanServicePs);
        LongRing queue = new LongRing(1024);
        double[] waitSum = new double[1];
        long[] served = new long[1];
        boolean[] busy = new boolean[1];
        long[] remaining = {customers};
        Event departure = new Event() {
            @Override
            public void fire() {
                if (queue.isEmpty()) {
                    busy[0] = false;
                } else {
                    waitSum[0] += sim.now() - queue.poll();
                    served[0]++;
                    sim.schedule(this, services.next());
                }
            }
        };
        Event arrival = new Event() {
            @Override
            public void fire() {
                if (--remaining[0] > 0) {
                    sim.schedule(this, arrivals.next());
                }
                if (busy[0]) {
                    queue.add(sim.now());
                } else {
                    busy[0] = true;
                    served[0]++;
                    sim.schedule(departure, services.next());
                }
            }
        };
        sim.schedule(arrival, arrivals.next());
        sim.run();
        eventsOut[0] = sim.eventsExecuted();
        return waitSum[0] / served[0];
    }

    /** The same M/M/1 as a hand-written loop over a primitive binary heap (the baseline). */
    static double baseline(ExpSampler.Source src, long customers, double meanInterarrivalPs, double meanServicePs,
                           long seed, long[] eventsOut) {
        ExpSampler arrivals = new ExpSampler(src, seed, meanInterarrivalPs);
        ExpSampler services = new ExpSampler(src, seed + 1, meanServicePs);
        PrimitiveHeap heap = new PrimitiveHeap(16);
        LongRing queue = new LongRing(1024);
        final int arrival = 0;
        final int departure = 1;
        double waitSum = 0;
        long served = 0;
        boolean busy = false;
        long remaining = customers;
        long events = 0;
        heap.push(arrivals.next(), arrival);
        while (heap.size() > 0) {
            long now = heap.topTime();
            int kind = heap.topKind();
            heap.pop();
            events++;
            if (kind == arrival) {
                if (--remaining > 0) {
                    heap.push(now + arrivals.next(), arrival);
                }
                if (busy) {
                    queue.add(now);
                } else {
                    busy = true;
                    served++;
                    heap.push(now + services.next(), departure);
                }
            } else if (queue.isEmpty()) {
                busy = false;
            } else {
                waitSum += now - queue.poll();
                served++;
                heap.push(now + services.next(), departure);
            }
        }
        eventsOut[0] = events;
        return waitSum / served;
    }
}
