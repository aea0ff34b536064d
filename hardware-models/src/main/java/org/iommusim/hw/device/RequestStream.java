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
 * does). Throughput, not latency: a request on a free stream goes on at once, only the next one
 * waits; a miss does not delay its own walk.
 *
 * <p>When a hold counts from: the IOMMU finds a miss one link traversal after its request left
 * the device, but the hold belongs to the request's own place in the stream: it starts where that
 * request's passage ended ({@link #passEnd}, given back with the hold) or, if the stream has been
 * held since, after its current holder, so the stream frees at max(free, passage end) + s — the
 * recursion of a serial server that serves each request for h and each miss for s more. (Until
 * session 9's fix the hold counted from the instant the miss was found: each burst of requests
 * that passed together then added one link traversal of phantom hold to the stream, and a closed
 * loop's throughput depended on how many bursts its requests happened to form — iotlb-reach's
 * 64 MiB point was bimodal, docs/CALIBRATION.md.) A hold of a request that did not pass the
 * stream (a PRI retry translated again at the root port) counts from now.
 *
 * <p>Does not model: the request TLPs that left the device after a missing one but before its
 * miss was found (they are on the link): in hardware they wait in the root port's receive buffer
 * behind the stalled translation; here they are translated at once and only the requests after
 * the report wait — so the hold delays the right requests on average (the stream's busy time
 * and its rate bound are exact) but a burst's own latency is underestimated by up to its backlog
 * of holds. Any overlap of the device's issue work with a miss (assumption, docs/CALIBRATION.md:
 * the calibration points cannot separate the two, and the measurement behaves as if misses
 * stalled the requests behind them). The hold is kept as the time the stream frees; an event is
 * scheduled only while a request waits. Allocates nothing once its queue has grown.
 */
final class RequestStream {
    /** The passage of a request that did not pass the stream: its hold counts from now. */
    static final long NOT_PASSED = -1;

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
    /** When the passage of the requests granted last ends (their grant plus h per TLP). */
    private long passEnd;
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

    /**
     * An IOTLB miss holds the stream {@code ps} longer, counted from the end of its request's passage
     * {@code passedAt} ({@link #passEnd} when it was granted) or after the current holder if that is
     * later; {@link #NOT_PASSED}: from now.
     */
    void hold(long ps, long passedAt) {
        freeAt = Math.max(freeAt, passedAt == NOT_PASSED ? sim.now() : passedAt) + ps;
    }

    /** When the passage of the requests granted last ends (read it at their grant). */
    long passEnd() {
        return passEnd;
    }

    private void occupy(long now, Waiter w) {
        long t = perRequest * w.streamTlps();
        passEnd = now + t;
        if (t > 0) {
            freeAt = passEnd;
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
