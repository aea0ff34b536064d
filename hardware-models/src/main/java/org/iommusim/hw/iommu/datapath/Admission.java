package org.iommusim.hw.iommu.datapath;

import java.util.Arrays;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.core.stats.TimeWeighted;

/**
 * Back-pressure: at most {@code maxInFlight} translations in the IOMMU and
 * {@code maxPerDevice} per device. A request beyond either bound waits in its device's FIFO; when
 * a translation completes, every waiting request that now fits is admitted, oldest first across
 * devices (a request blocked only by its own device's bound does not hold back other devices).
 * The devices with waiting requests and room of their own are kept ordered by their oldest
 * request's arrival ({@link ReadyDevices}), so a release costs O(log devices), not a scan of
 * every waiting request. Each {@link TranslationProcess} owns one {@link Ticket}, its place in
 * its device's queue, whose links only this class writes: no allocation per request.
 *
 * <p>A run of TLPs ({@link TlpRuns}) is one ticket for its count of TLPs with consecutive
 * numbers: it takes and frees that many slots, and is split when fewer fit. Since no other
 * request's number lies between a run's, the requests admitted, their order and every statistic
 * are those of its TLPs one by one (the levels' maxima too: within one instant they rise and
 * fall through the same extremes).
 *
 * <p>Statistics: {@code inFlight} and {@code waiting} (time-weighted), {@code admissionWait}
 * (histogram of the time from request to admission), {@code delayed} (requests that waited).
 */
final class Admission {
    /** A translation process's place in its device's admission queue (links written only here). */
    static final class Ticket {
        private final TranslationProcess process;
        private Ticket next;
        private long number;

        Ticket(TranslationProcess process) {
            this.process = process;
        }
    }

    private final Simulator sim;
    private final int maxInFlight;
    private final int maxPerDevice;
    private int inFlight;
    private int[] perDevice = new int[8];
    private Ticket[] head = new Ticket[8];
    private Ticket[] tail = new Ticket[8];
    private final ReadyDevices ready = new ReadyDevices();
    private long arrivals;
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
        int d = r.process.device();
        int n = r.process.count;
        if (fits(d)) {
            if (n != 1) {
                throw new IllegalStateException("a run of " + n + " TLPs arrives only when none fits");
            }
            take(r);
            return true;
        }
        delayed.add(n);
        r.number = arrivals;
        arrivals += n;
        r.next = null;
        if (tail[d] == null) {
            head[d] = r;
            if (perDevice[d] < maxPerDevice) {
                ready.add(d, r.number);
            }
        } else {
            tail[d].next = r;
        }
        tail[d] = r;
        waitingCount += n;
        waitingLevel.set(waitingCount);
        return false;
    }

    /** The last request waiting for {@code device}, or null. */
    TranslationProcess waitingLast(int device) {
        return device < tail.length && tail[device] != null ? tail[device].process : null;
    }

    /** The admission number of waiting request {@code r} (of its run's first TLP). */
    long number(Ticket r) {
        return r.number;
    }

    /**
     * One more TLP of waiting run {@code r} (its device's last) arrives now and waits with it, as
     * {@link #arrive} would queue it on its own: counted, numbered (returned), the waiting level set.
     * The caller adds it to the run.
     */
    long arriveBehind(Ticket r) {
        if (tail[r.process.device()] != r || fits(r.process.device())) {
            throw new IllegalStateException("a TLP waits behind a run only if it is its device's last and none fits");
        }
        delayed.increment();
        waitingCount++;
        waitingLevel.set(waitingCount);
        return arrivals++;
    }

    /**
     * {@code r} was just admitted ({@link #arrive}) or queued, and {@code more} TLPs of its run
     * arrive right behind it: as many as fit are taken with it (returned), or, if {@code r} is
     * queued (its device's last), all of them wait with it.
     */
    int arriveMore(Ticket r, int more, boolean admitted) {
        int d = r.process.device();
        if (!admitted) {
            r.process.count += more;
            delayed.add(more);
            arrivals += more;
            waitingCount += more;
            waitingLevel.set(waitingCount);
            return 0;
        }
        int k = Math.min(more, Math.min(maxInFlight - inFlight, maxPerDevice - perDevice[d]));
        if (k > 0) {
            r.process.count += k;
            inFlight += k;
            perDevice[d] += k;
            inFlightLevel.set(inFlight);
            admissionWait.record(sim.now() - r.process.arrival(), k);
        }
        return k;
    }

    /**
     * {@code r} completed: frees its slot, takes every waiting request that now fits, then tells
     * each, oldest first, that it is admitted ({@link TranslationProcess#admitted}).
     */
    void releaseAndAdmit(Ticket r) {
        releaseAndAdmit(r.process.device(), r.process.count);
    }

    /**
     * {@code n} translations of {@code device} completed at once: as {@link #releaseAndAdmit(Ticket)}
     * for a run of {@code n} (the waiters their slots let in, oldest first, as n releases one by one
     * would admit them).
     */
    void releaseAndAdmit(int device, int n) {
        Ticket admitted = release(device, n);
        while (admitted != null) {
            Ticket next = admitted.next;
            admitted.next = null;
            admitted.process.admitted();
            admitted = next;
        }
    }

    /** Frees {@code n} slots of {@code device}; returns the requests now admitted, linked through {@code next}. */
    private Ticket release(int device, int n) {
        inFlight -= n;
        perDevice[device] -= n;
        if (head[device] != null && !ready.contains(device)) {
            ready.add(device, head[device].number);
        }
        Ticket admittedHead = null;
        Ticket admittedTail = null;
        while (inFlight < maxInFlight && !ready.isEmpty()) {
            int d = ready.first();
            Ticket w = head[d];
            int room = Math.min(maxInFlight - inFlight, maxPerDevice - perDevice[d]);
            if (w.process.spread && ready.size() > 1) {
                room = 1; // its TLPs' numbers may interleave with another device's: one at a time, by number
            }
            if (w.process.count > room) {
                // the run's first TLPs that fit go now as a run of their own, the rest stay first in line
                w.number = w.process.spread ? w.process.memberNumber[room] : w.number + room;
                w = TlpRuns.splitOff(w.process, room).ticket;
            } else {
                head[d] = w.next;
                if (head[d] == null) {
                    tail[d] = null;
                }
            }
            waitingCount -= w.process.count;
            admit(w);
            if (head[d] == null || perDevice[d] >= maxPerDevice) {
                ready.remove(d);
            } else {
                ready.update(d, head[d].number);
            }
            w.next = null;
            if (admittedTail == null) {
                admittedHead = w;
            } else {
                admittedTail.next = w;
            }
            admittedTail = w;
        }
        // The levels change once, to their final values: within this instant in-flight only rises
        // after the release and waiting only falls, so the steps between add no area and no maximum.
        inFlightLevel.set(inFlight);
        if (admittedHead != null) {
            waitingLevel.set(waitingCount);
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
            int n = Math.max(device + 1, perDevice.length * 2);
            perDevice = Arrays.copyOf(perDevice, n);
            head = Arrays.copyOf(head, n);
            tail = Arrays.copyOf(tail, n);
        }
        return inFlight < maxInFlight && perDevice[device] < maxPerDevice;
    }

    private void take(Ticket r) {
        admit(r);
        inFlightLevel.set(inFlight);
    }

    /** Takes {@code r}'s slots and records its wait; the caller sets the in-flight level. */
    private void admit(Ticket r) {
        TranslationProcess p = r.process;
        int n = p.count;
        inFlight += n;
        perDevice[p.device()] += n;
        long now = sim.now();
        if (p.spread) {
            for (int m = 0; m < n; m++) {
                admissionWait.record(now - p.memberArrival[m]);
            }
        } else {
            admissionWait.record(now - p.arrival(), n);
        }
    }
}
