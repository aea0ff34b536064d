package org.iommusim.hw.device;

import java.util.ArrayDeque;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStream;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pcie.PcieLink;

/**
 * The DMA engine of one PCI device (DESIGN §3): decides when DMAs start and holds the device's
 * {@code maxOutstanding} tags. It issues DMAs of {@link DmaConfig#requestBytes} at addresses
 * from an {@link AddressPattern}, under an {@link IssueMode}; each DMA then runs on its own as a
 * {@link DmaTransfer} (issue gap → request TLPs up → translation per TLP → memory → completions
 * down) and gives its tag back here — a read when its completions have arrived
 * ({@link #release}), a posted write when its last TLP has left the device ({@link #tagFreed};
 * it ends later, {@link #finished}): a closed loop issues the next DMA at
 * once, an open loop takes the oldest waiting arrival from its backlog, a driven engine
 * ({@link IssueMode.Driven}) the oldest waiting {@link #submit}. A {@link DmaListener} hears
 * every DMA take its tag and end (trace recording, NIC descriptor recycling).
 *
 * <p>The host may quiesce the engine ({@link #pause} / {@link #resume}): no DMA starts while
 * paused and the host is told when the DMAs in flight have drained.
 *
 * <p>Does not model: ATS (the IOMMU's own {@code enableAts} covers the device cache), PRI waits
 * other than the IOMMU's, ordering among DMAs. Transfers are pooled: the steady state allocates
 * nothing. Random streams: {@code <prefix>.rw} (read/write mix, only when it is mixed),
 * {@code <prefix>.arrivals} (Poisson arrivals); by convention the assembly builds a random
 * pattern from {@code <prefix>.address}. Statistics: {@link DmaStats} under {@code prefix}.
 */
public final class DmaEngine {
    private final Simulator sim;
    private final int device;
    private final DmaConfig config;
    private final IssueMode mode;
    private final AddressPattern pattern;
    /** The IOMMU translating this device's TLPs, or null: no IOMMU on the path (the baseline). */
    private final TimedIommu iommu;
    private final PcieLink link;
    private final DmaStats stats;
    private final RandomStream rw;
    /** The open loop's arrivals and backlog, or null (closed loop, driven). */
    private final OpenLoopArrivals arrivals;
    /** The DMA's issue gap, data access and completion handling: fixed, or drawn. */
    final DmaDelays delays;
    /** The device's serial request stream: every request TLP of its DMAs passes it. */
    private final RequestStream stream;
    /** Idle transfers (the pool) and submitted DMAs waiting for a tag, oldest first. */
    private final ArrayDeque<DmaTransfer> free = new ArrayDeque<>();
    private final ArrayDeque<DmaTransfer> waiting = new ArrayDeque<>();
    private DmaListener listener = DmaListener.NONE;
    private int outstanding;
    /** DMAs begun and not ended: a posted write's tag comes back before its TLPs are translated. */
    private int unfinished;
    private long issuedCount;
    private long nextIssueAt;
    private boolean running;
    /** Quiesced by the host ({@link #pause}): no DMA starts; {@code whenDrained} runs when none is in flight. */
    private boolean paused;
    private Runnable whenDrained;

    public DmaEngine(Simulator sim, StatsRegistry registry, RandomStreams streams, String prefix, int device,
                     DmaConfig config, IssueMode mode, AddressPattern pattern, TimedIommu iommu, PcieLink link) {
        if (mode instanceof IssueMode.ClosedLoop c && c.queueDepth() > config.maxOutstanding()) {
            throw new IllegalArgumentException("queueDepth " + c.queueDepth() + " exceeds maxOutstanding "
                    + config.maxOutstanding() + " (the device's tags)");
        }
        this.sim = sim;
        this.device = device;
        this.config = config;
        this.mode = mode;
        this.pattern = pattern;
        this.iommu = iommu;
        this.link = link;
        this.stats = new DmaStats(sim, registry, prefix);
        this.rw = config.readFraction() > 0 && config.readFraction() < 1 ? streams.stream(prefix + ".rw") : null;
        this.arrivals = mode instanceof IssueMode.OpenLoop o
                ? new OpenLoopArrivals(this, sim, stats, o, o.interArrivals(streams, prefix)) : null;
        this.delays = new DmaDelays(config, streams, prefix);
        this.stream = new RequestStream(sim, config.requestOccupancyPs());
    }

    /** Sets who is told about every issued and ended request (one listener; replaces the previous). */
    public void setListener(DmaListener listener) {
        this.listener = listener == null ? DmaListener.NONE : listener;
    }

    /**
     * Starts issuing: a closed loop fills its queue depth now, an open loop's first arrival is
     * now, a driven engine accepts {@link #submit}s.
     */
    public void start() {
        if (running) {
            throw new IllegalStateException("device " + device + " is already running");
        }
        running = true;
        if (mode instanceof IssueMode.Driven) {
            return;
        }
        if (mode instanceof IssueMode.ClosedLoop c) {
            for (int i = 0; i < c.queueDepth(); i++) {
                issue(sim.now());
            }
        } else {
            arrivals.start();
        }
    }

    /** Stops issuing new requests (and drops the backlog); requests in flight finish. */
    public void stop() {
        running = false;
        if (arrivals != null) {
            arrivals.stop();
        }
        for (DmaTransfer r = waiting.poll(); r != null; r = waiting.poll()) {
            free.push(r);
        }
        stats.backlog.set(0);
    }

    /**
     * A driver's request (only in {@link IssueMode.Driven} mode, after {@link #start}): arrives
     * now and starts at once if a tag is free, else waits in arrival order. {@code tag} is handed
     * back to the listener's {@link DmaListener#ended}. Allocates nothing once the pool has grown.
     */
    public void submit(long iova, int bytes, Access access, int pasid, long tag) {
        if (!(mode instanceof IssueMode.Driven)) {
            throw new IllegalStateException("submit needs a driven engine; device " + device + " is " + mode);
        }
        if (!running) {
            throw new IllegalStateException("device " + device + " is not running");
        }
        if (bytes < 1) {
            throw new IllegalArgumentException("request bytes must be >= 1, got " + bytes);
        }
        DmaTransfer r = take();
        r.set(sim.now(), iova, bytes, access, pasid, tag);
        if (canStart()) {
            begin(r);
        } else {
            waiting.add(r);
            stats.backlog.set(waiting.size());
        }
    }

    /**
     * The host quiesces the device (a hypervisor stopping its DMA around a remap): from now no
     * DMA starts — arrivals and submissions wait, a closed loop holds its slots — and
     * {@code drained} runs once no DMA is in flight (at once if none is). Paused while paused:
     * an error.
     */
    public void pause(Runnable drained) {
        if (paused) {
            throw new IllegalStateException("device " + device + " is already paused");
        }
        paused = true;
        whenDrained = drained;
        drainedNow();
    }

    /** Ends a pause: waiting DMAs start in arrival order, a closed loop refills its queue depth. */
    public void resume() {
        if (!paused) {
            throw new IllegalStateException("device " + device + " is not paused");
        }
        paused = false;
        whenDrained = null;
        while (running && outstanding < config.maxOutstanding() && startNext()) {
            // each round started one DMA
        }
    }

    public DmaStats stats() {
        return stats;
    }

    public int outstanding() {
        return outstanding;
    }

    public int device() {
        return device;
    }

    /** True if a DMA may start now: a tag is free and the engine is not paused. */
    boolean canStart() {
        return outstanding < config.maxOutstanding() && !paused;
    }

    private DmaTransfer take() {
        DmaTransfer r = free.poll();
        return r != null ? r : new DmaTransfer(this, sim, device, iommu, link, stats, stream);
    }

    /** Starts a DMA of the engine's own pattern that arrived at {@code arrivedAt}. */
    void issue(long arrivedAt) {
        DmaTransfer r = take();
        long addr = pattern.next();
        double f = config.readFraction(); // a read with this probability (the rw stream when mixed)
        Access access = f >= 1 || (f > 0 && rw.nextDouble() < f) ? Access.READ : Access.WRITE;
        r.set(arrivedAt, addr, config.requestBytes(), access,
                config.pasidBase() + (int) (issuedCount++ % config.pasidCount()), 0);
        begin(r);
    }

    /**
     * Takes a tag and hands the DMA to its transfer, which sends its first TLPs at once or, when
     * the engine started a DMA less than {@code issueGapPs} ago, when the gap has passed.
     */
    private void begin(DmaTransfer r) {
        unfinished++;
        outstanding++;
        stats.outstanding.set(outstanding);
        stats.issued.increment();
        listener.issued(device, r.arrival(), r.pasid(), r.iova(), r.length(), r.access());
        long now = sim.now();
        long start = Math.max(now, nextIssueAt);
        nextIssueAt = start + delays.issueGap.next();
        r.issue(start - now);
    }

    /** A read ended (completed or aborted): latency, its tag back, the next DMA. */
    void release(DmaTransfer r) {
        stats.tagTime.add(sim.now() - r.arrival());
        outstanding--;
        stats.outstanding.set(outstanding);
        ended(r);
        next();
    }

    /** A posted write's last TLP left the device: its tag is free, the next DMA may start. */
    void tagFreed(DmaTransfer r) {
        stats.tagTime.add(sim.now() - r.arrival());
        outstanding--;
        stats.outstanding.set(outstanding);
        next();
    }

    /** A posted write ended (its data in memory, or aborted at the root port); its tag went back earlier. */
    void finished(DmaTransfer r) {
        ended(r);
        if (paused) {
            drainedNow();
        }
    }

    /** Runs the pause's drained callback once no DMA of this device is unfinished. */
    private void drainedNow() {
        if (unfinished == 0 && whenDrained != null) {
            Runnable drained = whenDrained;
            whenDrained = null;
            drained.run();
        }
    }

    /** DMA {@code r} ended: its latency counted, its transfer back in the pool, the listener told. */
    private void ended(DmaTransfer r) {
        unfinished--;
        long latency = sim.now() - r.arrival();
        stats.dmaLatency.record(latency);
        stats.dmaTime.add(latency);
        long tag = r.tag();
        boolean ok = r.ok();
        free.push(r);
        listener.ended(device, tag, ok, latency);
    }

    /** A tag came free: the oldest submitted DMA, the closed loop's next or the oldest arrival takes it. */
    private void next() {
        if (paused) {
            drainedNow();
            return;
        }
        if (running) {
            startNext();
        }
    }

    /**
     * The oldest submitted DMA, the closed loop's next (up to its queue depth) or the oldest
     * waiting arrival starts now; false if there is none.
     */
    private boolean startNext() {
        if (!waiting.isEmpty()) {
            DmaTransfer next = waiting.poll();
            stats.backlog.set(waiting.size());
            begin(next);
        } else if (mode instanceof IssueMode.ClosedLoop c && outstanding < c.queueDepth()) {
            issue(sim.now());
        } else if (arrivals != null && arrivals.waiting()) {
            issue(arrivals.oldest());
        } else {
            return false;
        }
        return true;
    }
}
