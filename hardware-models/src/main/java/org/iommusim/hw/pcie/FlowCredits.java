package org.iommusim.hw.pcie;

import java.util.ArrayDeque;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.core.stats.TimeWeighted;

/**
 * One flow-control credit class of a link, as the device's transmitter sees the root port's
 * receive buffer (PCI Express Base Specification §2.6, "Ordering and Receive Buffer Flow
 * Control"). Two instances per link: posted requests (memory writes: one posted-header credit
 * per TLP and one posted-data credit per 16 B of payload, rounded up) and non-posted requests
 * (memory reads: one non-posted-header credit per request TLP; a memory read carries no data,
 * so non-posted data credits are not counted). The device may send a TLP only while its
 * credits suffice, and gets them back when the root port has moved the TLP out of its receive
 * buffer and its UpdateFC DLLP has crossed the link back ({@link #returnLater}: the link's
 * one-way latency later). {@code headers} = 0: the receiver advertises infinite credits,
 * nothing is counted or limited; {@code data} = 0 with {@code headers} &gt; 0: data credits
 * are not counted (the non-posted class).
 *
 * <p>Waiting TLPs are granted strictly in arrival order (a TLP that does not fit holds back
 * every TLP of its class behind it, as the transmitter's queue of that class does). Models: the
 * credit limit and its stalls. Does not model: completion credits (the specification requires
 * root ports and endpoints to advertise infinite completion credits: a requester reserves the
 * room for its completions before it sends the request, which the device's read tags model),
 * the UpdateFC schedule (a credit returns one link latency after the buffer is freed), credit
 * scaling. Statistics under {@code <prefix>.<kind>}: {@code headers-in-use}, {@code data-in-use}
 * (posted only), {@code waiting} (time-weighted) and {@code stalled} (requests that had to
 * wait). Allocates nothing in steady state.
 */
public final class FlowCredits {
    /** Told once the credits it asked for with {@link #tryTake} have been taken on its behalf. */
    @FunctionalInterface
    public interface Waiter {
        void creditsGranted();
    }

    /** Bytes of payload per data credit (4 DW). */
    public static final int BYTES_PER_DATA_CREDIT = 16;

    private final Simulator sim;
    private final int headers;
    private final int data;
    private final long returnPs;
    private int headersFree;
    private int dataFree;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /** Per waiter in arrival order: its header credits (high 32 bits) and data credits (low 32 bits). */
    private final LongRing waitingCredits = new LongRing();
    /** Returns in flight: (due time, header credits, data credits) triples in due order (one delay for all). */
    private final LongRing returns = new LongRing();
    private final Event returnDue = Event.of(this::returnDue);
    private final TimeWeighted headersInUse;
    private final TimeWeighted dataInUse;
    private final TimeWeighted waiting;
    private final Counter stalled;

    /** Posted credits of a link: statistics under {@code <prefix>.posted-credits}. */
    static FlowCredits posted(Simulator sim, StatsRegistry stats, String prefix, int headers, int data, long returnPs) {
        return new FlowCredits(sim, stats, prefix + ".posted-credits.", "posted", headers, data, returnPs);
    }

    /** Non-posted header credits of a link: statistics under {@code <prefix>.non-posted-credits}. */
    static FlowCredits nonPosted(Simulator sim, StatsRegistry stats, String prefix, int headers, long returnPs) {
        return new FlowCredits(sim, stats, prefix + ".non-posted-credits.", "non-posted", headers, 0, returnPs);
    }

    FlowCredits(Simulator sim, StatsRegistry stats, String p, String kind, int headers, int data, long returnPs) {
        this.sim = sim;
        this.headers = headers;
        this.data = data;
        this.returnPs = returnPs;
        this.headersFree = headers;
        this.dataFree = data;
        headersInUse = stats.timeWeighted(p + "headers-in-use", "credits",
                kind + "-header credits held by TLPs the root port has not freed, time-weighted");
        dataInUse = kind.equals("non-posted") ? null
                : stats.timeWeighted(p + "data-in-use", "credits",
                        kind + "-data credits (16 B each) held by TLPs the root port has not freed, time-weighted");
        waiting = stats.timeWeighted(p + "waiting", "tlps", kind + " TLPs waiting for credits, time-weighted");
        stalled = stats.counter(p + "stalled", "tlps", kind + " TLPs that had to wait for credits");
    }

    /** Data credits a posted TLP of {@code payloadBytes} needs: one per 16 B, rounded up. */
    public static int dataCredits(long payloadBytes) {
        return (int) ((payloadBytes + BYTES_PER_DATA_CREDIT - 1) / BYTES_PER_DATA_CREDIT);
    }

    /**
     * Takes {@code headerCredits} header and {@code dataCredits} data credits now (true), or
     * queues {@code w} behind the earlier waiters (false); {@link Waiter#creditsGranted} then
     * follows once they have been taken for it.
     */
    public boolean tryTake(int headerCredits, int dataCredits, Waiter w) {
        if (headers == 0) {
            return true;
        }
        if (headerCredits > headers || data > 0 && dataCredits > data) {
            throw new IllegalArgumentException("a request needing " + headerCredits + " header and " + dataCredits
                    + " data credits can never be sent: the root port advertises " + headers + " headers"
                    + (data > 0 ? " and " + data + " data credits (at least MPS/16 are required)" : ""));
        }
        if (waiters.isEmpty() && fits(headerCredits, dataCredits)) {
            take(headerCredits, dataCredits);
            return true;
        }
        stalled.increment();
        waiters.add(w);
        waitingCredits.enqueue((long) headerCredits << 32 | dataCredits);
        waiting.set(waiters.size());
        return false;
    }

    /** The root port freed a request's buffer now: its credits come back one link latency later (UpdateFC). */
    public void returnLater(int headerCredits, int dataCredits) {
        if (headers == 0) {
            return;
        }
        long due = sim.now() + returnPs;
        if (returns.isEmpty()) {
            sim.scheduleAt(returnDue, due);
        }
        returns.enqueue(due);
        returns.enqueue(headerCredits);
        returns.enqueue(dataCredits);
    }

    /** True when the receiver advertises finite credits (they are counted and may bind). */
    public boolean limited() {
        return headers > 0;
    }

    /** Header credits currently free. */
    public int headersFree() {
        return headersFree;
    }

    /** Data credits currently free. */
    public int dataFree() {
        return dataFree;
    }

    private boolean fits(int headerCredits, int dataCredits) {
        return headersFree >= headerCredits && (data == 0 || dataFree >= dataCredits);
    }

    private void take(int headerCredits, int dataCredits) {
        headersFree -= headerCredits;
        headersInUse.set(headers - headersFree);
        if (data > 0) {
            dataFree -= dataCredits;
            dataInUse.set(data - dataFree);
        }
    }

    private void returnDue() {
        long now = sim.now();
        while (!returns.isEmpty() && returns.firstLong() <= now) {
            returns.dequeueLong();
            headersFree += (int) returns.dequeueLong();
            dataFree += (int) returns.dequeueLong();
        }
        headersInUse.set(headers - headersFree);
        if (data > 0) {
            dataInUse.set(data - dataFree);
        }
        if (!returns.isEmpty()) {
            sim.scheduleAt(returnDue, returns.firstLong());
        }
        while (!waiters.isEmpty() && fits((int) (waitingCredits.firstLong() >>> 32), (int) waitingCredits.firstLong())) {
            long w0 = waitingCredits.dequeueLong();
            take((int) (w0 >>> 32), (int) w0);
            Waiter w = waiters.poll();
            waiting.set(waiters.size());
            w.creditsGranted();
        }
    }

    /**
     * A FIFO of longs in a ring that grows by doubling and never shrinks (fastutil's FIFO queues
     * shrink as they drain, which would allocate on every burst in steady state).
     */
    private static final class LongRing {
        private long[] a = new long[16];
        private int head;
        private int size;

        boolean isEmpty() {
            return size == 0;
        }

        long firstLong() {
            return a[head];
        }

        long dequeueLong() {
            long v = a[head];
            head = (head + 1) & (a.length - 1);
            size--;
            return v;
        }

        void enqueue(long v) {
            if (size == a.length) {
                long[] b = new long[a.length * 2];
                for (int i = 0; i < size; i++) {
                    b[i] = a[(head + i) & (a.length - 1)];
                }
                a = b;
                head = 0;
            }
            a[(head + size) & (a.length - 1)] = v;
            size++;
        }
    }
}
