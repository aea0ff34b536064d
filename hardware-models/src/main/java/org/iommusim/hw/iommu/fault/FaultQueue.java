package org.iommusim.hw.iommu.fault;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.resource.Client;
import org.iommusim.core.resource.FifoServer;
import org.iommusim.core.resource.LittleLaw;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.core.stats.Tally;
import org.iommusim.core.stats.TimeWeighted;
import org.iommusim.hw.pagetable.FaultReason;

/**
 * The IOMMU's fault-recording queue and the software handler that drains it.
 *
 * <p>Models: a bounded FIFO of fault records (reason, stage, device, PASID, address) in
 * primitive arrays. A fault that finds the queue full is lost and counted as an overflow —
 * never an error (VT-d's primary-fault-overflow bit, SMMUv3's event-queue overflow). One
 * handler drains the queue in order, one record at a time, taking the configured service time
 * per record; with a host CPU ({@link FifoServer} of cores) it first queues for a core and
 * holds it for the service time, so fault storms compete with the control plane. A record
 * keeps its slot until its handling ends (software clears it then).
 *
 * <p>Does not model: fault-record coalescing, interrupt latency or moderation, per-PASID
 * queues, or what the handler does about the fault (that is the {@link FaultListener}'s job).
 *
 * <p>Statistics under {@code prefix}: {@code faults} (detected, recorded or not),
 * {@code reason.<reason>} and {@code stage.<stage>} (detected faults by
 * {@link FaultReason#recordName()} and {@link FaultStage#statName()}), {@code recorded},
 * {@code overflows}, {@code handled} (counters); {@code occupancy} (records in the queue,
 * time-weighted); {@code handling-latency} (recording to end of handling, histogram, and
 * {@code time-in-queue}, the same as a tally); {@code handler-utilisation} (derived).
 */
public final class FaultQueue {
    private static final FaultReason[] REASONS = FaultReason.values();
    private static final FaultStage[] STAGES = FaultStage.values();

    private final Simulator sim;
    private final FaultQueueConfig config;
    private final FifoServer cpu;
    private final FaultListener listener;
    private final FaultRing ring;

    private final Counter faults;
    private final Counter[] byReason = new Counter[REASONS.length];
    private final Counter[] byStage = new Counter[STAGES.length];
    private final Counter recorded;
    private final Counter overflows;
    private final Counter handled;
    private final Counter cpuTime;
    private final TimeWeighted occupancy;
    private final TimeWeighted handling;
    private final LatencyHistogram latency;
    private final Tally timeInQueue;

    private boolean handlerBusy;
    private int coreSlot = -1;
    private final Client coreClient = (slot, waited) -> {
        coreSlot = slot;
        startService();
    };
    private final Event serviceDone = new Event() {
        @Override
        public void fire() {
            finishHead();
        }
    };

    /**
     * @param cpu      host cores the handler runs on, or null for a standalone handler
     * @param listener told about each handled fault, or null
     */
    public FaultQueue(Simulator sim, StatsRegistry stats, String prefix, FaultQueueConfig config, FifoServer cpu,
            FaultListener listener) {
        this.sim = sim;
        this.config = config;
        this.cpu = cpu;
        this.listener = listener;
        this.ring = new FaultRing(config.capacity());
        String p = prefix + ".";
        faults = stats.counter(p + "faults", "faults", "faults detected (recorded or lost to overflow)");
        for (FaultReason r : REASONS) {
            byReason[r.ordinal()] = stats.counter(p + "reason." + r.recordName(), "faults",
                    "faults detected with reason '" + r.recordName() + "'");
        }
        for (FaultStage s : STAGES) {
            byStage[s.ordinal()] = stats.counter(p + "stage." + s.statName(), "faults",
                    "faults detected in stage '" + s.statName() + "'");
        }
        recorded = stats.counter(p + "recorded", "faults", "faults written into the fault queue");
        overflows = stats.counter(p + "overflows", "faults", "faults lost because the fault queue was full");
        handled = stats.counter(p + "handled", "faults", "fault records the software handler finished");
        cpuTime = stats.counter(p + "cpu-time", "ps",
                "host core time the fault handler held (handler service time per record, on a host core)");
        occupancy = stats.timeWeighted(p + "occupancy", "records", "fault records in the queue, time-weighted");
        handling = stats.timeWeighted(p + "handling", "records", "records being handled (0 or 1), time-weighted");
        latency = stats.histogram(p + "handling-latency", "ps",
                "time from recording a fault to the end of its handling");
        timeInQueue = stats.tally(p + "time-in-queue", "ps", "time from recording a fault to the end of its handling");
        stats.derived(p + "handler-utilisation", "ratio", "fraction of time the handler services a record",
                handling::mean);
    }

    /**
     * Reports a fault. Returns true if it was recorded, false if the queue was full (the fault
     * is counted as an overflow and otherwise dropped).
     */
    public boolean report(FaultReason reason, FaultStage stage, int device, int pasid, long address) {
        faults.increment();
        byReason[reason.ordinal()].increment();
        byStage[stage.ordinal()].increment();
        if (ring.isFull()) {
            overflows.increment();
            return false;
        }
        ring.add(reason, stage, device, pasid, address, sim.now());
        recorded.increment();
        occupancy.set(ring.size());
        startHandler();
        return true;
    }

    public int size() {
        return ring.size();
    }

    public int capacity() {
        return ring.capacity();
    }

    /** Host core time the handler held so far (0 for a standalone handler, which runs on no host core). */
    public long cpuTime() {
        return cpuTime.get();
    }

    public long overflows() {
        return overflows.get();
    }

    public long faults(FaultReason reason) {
        return byReason[reason.ordinal()].get();
    }

    public long faults(FaultStage stage) {
        return byStage[stage.ordinal()].get();
    }

    /** Little's law for the queue: L = occupancy, λ = recorded faults per ps, W = recording to handled. */
    public LittleLaw littleLaw() {
        long window = sim.now() - occupancy.windowStart();
        double rate = window == 0 ? Double.NaN : recorded.get() / (double) window;
        return new LittleLaw(occupancy.mean(), rate, timeInQueue.mean(), window, recorded.get());
    }

    private void startHandler() {
        if (handlerBusy || ring.size() == 0) {
            return;
        }
        handlerBusy = true;
        if (cpu == null) {
            startService();
        } else {
            if (!cpu.request(coreClient)) { // granted now or when a core frees up
                throw new IllegalStateException("the host CPU rejected the fault handler: its wait queue is full;"
                        + " give the host CPU an unbounded wait queue");
            }
        }
    }

    private void startService() {
        handling.set(1);
        sim.schedule(serviceDone, config.handlerServicePs());
    }

    private void finishHead() {
        if (coreSlot >= 0) {
            int slot = coreSlot;
            coreSlot = -1;
            cpu.release(slot);
            cpuTime.add(config.handlerServicePs());
        }
        handling.set(0);
        FaultReason reason = REASONS[ring.headReason()];
        FaultStage stage = STAGES[ring.headStage()];
        int device = ring.headDevice();
        int pasid = ring.headPasid();
        long address = ring.headAddress();
        long l = sim.now() - ring.headTime();
        ring.remove();
        occupancy.set(ring.size());
        handled.increment();
        latency.record(l);
        timeInQueue.add(l);
        handlerBusy = false;
        startHandler();
        if (listener != null) {
            listener.handled(reason, stage, device, pasid, address, l);
        }
    }

    @Override
    public String toString() {
        return "FaultQueue[" + ring.size() + "/" + ring.capacity() + ", service "
                + SimTime.format(config.handlerServicePs()) + "]";
    }
}
