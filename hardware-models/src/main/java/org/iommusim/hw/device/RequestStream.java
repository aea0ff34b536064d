package org.iommusim.hw.device;

import java.util.ArrayDeque;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;

/**
 * The serial request stream of one device: the one place that owns its timing. Every request TLP
 * the device's DMA engine sends holds the stream for the device's own time per request,
 * {@link DmaConfig#requestOccupancyPs} (its DMA engine's request-issue limit) — reads and writes,
 * translated or not, with an IOMMU, a pass-through domain or none. An IOTLB miss of one of its
 * TLPs that starts a walk (not one that joins its page's walk in flight) holds the same stream
 * for the IOMMU's miss occupancy more ({@code iommu.pipeline.missOccupancy},
 * told through {@code TranslationCallback#streamHeld}, {@link #hold}): the root port's in-order
 * translation of the stream stalls and the device's next request is not taken in meanwhile. So a
 * device whose stream binds runs at 1 / (h + s·m) request TLPs per second (h its time per
 * request, s the miss occupancy, m its IOTLB miss ratio).
 *
 * <p>Where it lives: at the device, in front of its link, so a waiting request holds its DMA's
 * tag (the device's backlog stays in the device, bounded by its tags, as an engine's issue limit
 * does). The miss hold is charged here when the IOMMU finds the miss: the root port's stall is
 * taken as reaching the device at once. Throughput, not latency: a request on a free stream goes
 * on at once, only the next one waits; a miss does not delay its own walk.
 *
 * <p>Does not model: the request TLPs already on the link when a miss is found (they reach the
 * root port and are looked up; the model does not park them in its receive buffer), any overlap
 * of the device's issue work with a miss (assumption, docs/CALIBRATION.md: the calibration points
 * cannot separate the two, and the measurement behaves as if misses stalled the requests behind
 * them). The hold is kept as the time the stream frees; an event is scheduled only while a
 * request waits. Allocates nothing once its queue has grown.
 */
final class RequestStream {
    /** A DMA's requests waiting for the stream. */
    interface Waiter {
        /** Request TLPs it sends when granted (each holds the stream for the time per request). */
        int streamTlps();

        /** The stream is now held for its TLPs: they go on. */
        void streamGranted();
    }

    private final Simulator sim;
    private final long perRequest;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private final Event free = Event.of(this::freed);
    /** When the stream frees: a request before this time waits, a miss hold moves it later. */
    private long freeAt;
    /** {@link #free} is scheduled (a request waits). */
    private boolean armed;

    RequestStream(Simulator sim, long perRequestPs) {
        this.sim = sim;
        this.perRequest = perRequestPs;
    }

    /** {@code w}'s TLPs take the stream now (true: they go on) or wait in order (false: {@link Waiter#streamGranted} later). */
    boolean take(Waiter w) {
        long now = sim.now();
        if (armed || freeAt > now) {
            waiting.add(w);
            arm(now);
            return false;
        }
        occupy(now, w);
        return true;
    }

    /** An IOTLB miss holds the stream {@code ps} longer: after its current holder, or from now if it is free. */
    void hold(long ps) {
        freeAt = Math.max(freeAt, sim.now()) + ps;
    }

    private void occupy(long now, Waiter w) {
        long t = perRequest * w.streamTlps();
        if (t > 0) {
            freeAt = now + t;
        }
    }

    private void arm(long now) {
        if (!armed) {
            armed = true;
            sim.schedule(free, freeAt - now);
        }
    }

    /** The hold ended (or moved later by a miss): the waiting requests take the stream in order. */
    private void freed() {
        armed = false;
        long now = sim.now();
        while (!waiting.isEmpty()) {
            if (armed) {
                return; // a granted request's next TLP found the stream held and armed it
            }
            if (freeAt > now) {
                arm(now);
                return;
            }
            Waiter w = waiting.poll();
            occupy(now, w);
            w.streamGranted();
        }
    }
}
