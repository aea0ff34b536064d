package org.iommusim.hw.pcie;

import it.unimi.dsi.fastutil.longs.LongArrayFIFOQueue;
import java.util.ArrayDeque;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.core.stats.TimeWeighted;

/**
 * Posted-request flow control of one link, as the device's transmitter sees the root port's
 * receive buffer (PCI Express Base Specification §2.6, "Ordering and Receive Buffer Flow
 * Control"): the root port advertises {@code headers} posted-header credits (one per posted
 * TLP) and {@code data} posted-data credits (one per 16 B of payload, rounded up); the device
 * may send a posted TLP (a memory write) only while both suffice, and gets them back when the
 * root port has moved the TLP out of its receive buffer and its UpdateFC DLLP has crossed the
 * link back ({@link #returnLater}: the link's one-way latency later). {@code headers} = 0: the
 * receiver advertises infinite credits, nothing is counted or limited.
 *
 * <p>Waiting TLPs are granted strictly in arrival order (posted requests may not pass each
 * other: a TLP that does not fit holds back every posted TLP behind it). Models: the credit
 * limit and its stalls. Does not model: non-posted or completion credits (root ports advertise
 * infinite completion credits; the device's read tags bound its non-posted requests), the
 * UpdateFC schedule (a credit returns one link latency after the buffer is freed), credit
 * scaling. Statistics under {@code <prefix>.posted-credits}: {@code headers-in-use},
 * {@code data-in-use}, {@code waiting} (time-weighted) and {@code stalled} (TLPs that had to
 * wait). Allocates nothing in steady state.
 */
public final class PostedCredits {
    /** Told once the credits it asked for with {@link #tryTake} have been taken on its behalf. */
    @FunctionalInterface
    public interface Waiter {
        void creditsGranted();
    }

    /** Bytes of payload per posted-data credit (4 DW). */
    public static final int BYTES_PER_DATA_CREDIT = 16;

    private final Simulator sim;
    private final int headers;
    private final int data;
    private final long returnPs;
    private int headersFree;
    private int dataFree;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final LongArrayFIFOQueue waitingData = new LongArrayFIFOQueue();
    /** Returns in flight: (due time, data credits) pairs in due order (all have the same delay). */
    private final LongArrayFIFOQueue returns = new LongArrayFIFOQueue();
    private final Event returnDue = Event.of(this::returnDue);
    private final TimeWeighted headersInUse;
    private final TimeWeighted dataInUse;
    private final TimeWeighted waiting;
    private final Counter stalled;

    PostedCredits(Simulator sim, StatsRegistry stats, String prefix, int headers, int data, long returnPs) {
        this.sim = sim;
        this.headers = headers;
        this.data = data;
        this.returnPs = returnPs;
        this.headersFree = headers;
        this.dataFree = data;
        String p = prefix + ".posted-credits.";
        headersInUse = stats.timeWeighted(p + "headers-in-use", "credits",
                "posted-header credits held by TLPs the root port has not freed, time-weighted");
        dataInUse = stats.timeWeighted(p + "data-in-use", "credits",
                "posted-data credits (16 B each) held by TLPs the root port has not freed, time-weighted");
        waiting = stats.timeWeighted(p + "waiting", "tlps", "posted TLPs waiting for credits, time-weighted");
        stalled = stats.counter(p + "stalled", "tlps", "posted TLPs that had to wait for credits");
    }

    /** Data credits a posted TLP of {@code payloadBytes} needs: one per 16 B, rounded up. */
    public static int dataCredits(long payloadBytes) {
        return (int) ((payloadBytes + BYTES_PER_DATA_CREDIT - 1) / BYTES_PER_DATA_CREDIT);
    }

    /**
     * Takes one header and {@code dataCredits} data credits for a posted TLP now (true), or
     * queues {@code w} behind the earlier waiters (false); {@link Waiter#creditsGranted} then
     * follows once they have been taken for it.
     */
    public boolean tryTake(int dataCredits, Waiter w) {
        if (headers == 0) {
            return true;
        }
        if (dataCredits > data) {
            throw new IllegalArgumentException("a TLP needing " + dataCredits + " data credits can never be sent: the "
                    + "root port advertises " + data + " (at least MPS/16 are required)");
        }
        if (waiters.isEmpty() && fits(dataCredits)) {
            take(dataCredits);
            return true;
        }
        stalled.increment();
        waiters.add(w);
        waitingData.enqueue(dataCredits);
        waiting.set(waiters.size());
        return false;
    }

    /** The root port freed a TLP's buffer now: its credits come back one link latency later (UpdateFC). */
    public void returnLater(int dataCredits) {
        if (headers == 0) {
            return;
        }
        long due = sim.now() + returnPs;
        if (returns.isEmpty()) {
            sim.scheduleAt(returnDue, due);
        }
        returns.enqueue(due);
        returns.enqueue(dataCredits);
    }

    /** Posted-header credits currently free. */
    public int headersFree() {
        return headersFree;
    }

    /** Posted-data credits currently free. */
    public int dataFree() {
        return dataFree;
    }

    private boolean fits(int dataCredits) {
        return headersFree >= 1 && dataFree >= dataCredits;
    }

    private void take(int dataCredits) {
        headersFree--;
        dataFree -= dataCredits;
        headersInUse.set(headers - headersFree);
        dataInUse.set(data - dataFree);
    }

    private void returnDue() {
        long now = sim.now();
        while (!returns.isEmpty() && returns.firstLong() <= now) {
            returns.dequeueLong();
            headersFree++;
            dataFree += (int) returns.dequeueLong();
        }
        headersInUse.set(headers - headersFree);
        dataInUse.set(data - dataFree);
        if (!returns.isEmpty()) {
            sim.scheduleAt(returnDue, returns.firstLong());
        }
        while (!waiters.isEmpty() && fits((int) waitingData.firstLong())) {
            take((int) waitingData.dequeueLong());
            Waiter w = waiters.poll();
            waiting.set(waiters.size());
            w.creditsGranted();
        }
    }
}
