package org.iommusim.hw.iommu.datapath;

import java.util.Arrays;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.core.stats.TimeWeighted;

/**
 * Back-pressure: at most {@code maxInFlight} translations in the IOMMU and
 * {@code maxPerDevice} per device. A request beyond either bound waits in one FIFO; when a
 * translation completes, the waiting requests are scanned oldest first and every one that now
 * fits is admitted (a request blocked only by its own device's bound does not hold back other
 * devices). Each {@link TranslationProcess} owns one {@link Ticket}, its place in the queue,
 * whose links only this class writes: no allocation per request.
 *
 * <p>Statistics: {@code inFlight} and {@code waiting} (time-weighted), {@code admissionWait}
 * (histogram of the time from request to admission), {@code delayed} (requests that waited).
 */
final class Admission {
    /** A translation process's place in the admission queue (links written only here). */
    static final class Ticket {
        private final TranslationProcess process;
        private Ticket prev;
        private Ticket next;

        Ticket(TranslationProcess process) {
            this.process = process;
        }
    }

    private final Simulator sim;
    private final int maxInFlight;
    private final int maxPerDevice;
    private int inFlight;
    private int[] perDevice = new int[8];
    private Ticket head;
    private Ticket tail;
    private int waitingCount;
    private final TimeWeighted inFlightLevel;
    private final TimeWeighted waitingLevel;
    private final LatencyHistogram admissionWait;
    private final Counter delayed;

    Admission(Simulator sim, StatsRegistry stats, String prefix, int maxInFlight, int maxPerDevice) {
        this.sim = sim;
        this.maxInFlight = maxInFlight;
        this.maxPerDevice = maxPerDevice;
        inFlightLevel = stats.timeWeighted(prefix + ".in-flight", "translations",
                "translations admitted and not yet completed, time-weighted");
        waitingLevel = stats.timeWeighted(prefix + ".admission.waiting", "translations",
                "translations waiting for an in-flight slot (IOMMU or device bound), time-weighted");
        admissionWait = stats.histogram(prefix + ".admission.wait", "ps",
                "time from request to admission under the in-flight bounds");
        delayed = stats.counter(prefix + ".admission.delayed", "translations",
                "translations that had to wait for an in-flight slot");
    }

    /**
     * Admits {@code r} now (true) or queues it (false). Every waiting request is one that does
     * not fit (each release admits all that do), so a new request that fits overtakes nobody
     * it should not: it is of another device, or its own device's earlier requests are in flight.
     */
    boolean arrive(Ticket r) {
        if (fits(r.process.device())) {
            take(r);
            return true;
        }
        delayed.increment();
        r.prev = tail;
        r.next = null;
        if (tail == null) {
            head = r;
        } else {
            tail.next = r;
        }
        tail = r;
        waitingLevel.set(++waitingCount);
        return false;
    }

    /**
     * {@code r} completed: frees its slot, takes every waiting request that now fits, then tells
     * each, oldest first, that it is admitted ({@link TranslationProcess#admitted}).
     */
    void releaseAndAdmit(Ticket r) {
        Ticket admitted = release(r);
        while (admitted != null) {
            Ticket next = admitted.next;
            admitted.next = null;
            admitted.process.admitted();
            admitted = next;
        }
    }

    /** Frees {@code r}'s slot; returns the requests now admitted, linked through {@code next}. */
    private Ticket release(Ticket r) {
        inFlight--;
        perDevice[r.process.device()]--;
        inFlightLevel.set(inFlight);
        Ticket admittedHead = null;
        Ticket admittedTail = null;
        for (Ticket w = head; w != null && inFlight < maxInFlight; ) {
            Ticket following = w.next;
            if (fits(w.process.device())) {
                unlink(w);
                take(w);
                w.next = null;
                if (admittedTail == null) {
                    admittedHead = w;
                } else {
                    admittedTail.next = w;
                }
                admittedTail = w;
            }
            w = following;
        }
        return admittedHead;
    }

    int inFlight() {
        return inFlight;
    }

    int waiting() {
        return waitingCount;
    }

    int inFlight(int device) {
        return device < perDevice.length ? perDevice[device] : 0;
    }

    private boolean fits(int device) {
        if (device >= perDevice.length) {
            perDevice = Arrays.copyOf(perDevice, Math.max(device + 1, perDevice.length * 2));
        }
        return inFlight < maxInFlight && perDevice[device] < maxPerDevice;
    }

    private void take(Ticket r) {
        inFlight++;
        perDevice[r.process.device()]++;
        inFlightLevel.set(inFlight);
        admissionWait.record(sim.now() - r.process.arrival());
    }

    private void unlink(Ticket r) {
        if (r.prev == null) {
            head = r.next;
        } else {
            r.prev.next = r.next;
        }
        if (r.next == null) {
            tail = r.prev;
        } else {
            r.next.prev = r.prev;
        }
        r.prev = null;
        waitingLevel.set(--waitingCount);
    }
}
