package org.iommusim.scenarios.bench;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;

/**
 * The classic <em>hold</em> model: {@code pending} events in the future-event set; each fired
 * event schedules one new event at now plus an exponential increment, so the set keeps its
 * size. It isolates the cost of the future-event set at a given population. Once on the
 * kernel, once on a primitive binary heap; both return the final clock (a checksum that the
 * two did the same work).
 */
final class HoldModels {
    private HoldModels() {
    }

    static long kernel(int pending, long events, double meanPs, long seed) {
        Simulator sim = new Simulator();
        ExpSampler inc = new ExpSampler(ExpSampler.Source.JDK, seed, meanPs);
        for (int i = 0; i < pending; i++) {
            sim.schedule(new Event() {
                @Override
                public void fire() {
                    sim.schedule(this, inc.next());
                }
            }, inc.next());
        }
        sim.runEvents(events);
        return sim.now();
    }

    static long baseline(int pending, long events, double meanPs, long seed) {
        ExpSampler inc = new ExpSampler(ExpSampler.Source.JDK, seed, meanPs);
        PrimitiveHeap heap = new PrimitiveHeap(pending);
        for (int i = 0; i < pending; i++) {
            heap.push(inc.next(), 0);
        }
        long now = 0;
        for (long e = 0; e < events; e++) {
            now = heap.topTime();
            heap.pop();
            heap.push(now + inc.next(), 0);
        }
        return now;
    }
}
