package org.iommusim.hw.device;

import it.unimi.dsi.fastutil.longs.LongArrayFIFOQueue;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.Distribution;
import org.iommusim.core.random.RandomStream;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.pcie.PcieLink;
import org.iommusim.hw.pcie.Tlps;

/**
 * The DMA engine of one PCI device (DESIGN §3): issues requests of {@link DmaConfig#requestBytes}
 * at addresses from an {@link AddressPattern}, under an {@link IssueMode}, holding one of
 * {@code maxOutstanding} tags each. A request runs in phases, one after the other:
 * <ol>
 *   <li>{@code ISSUE}: the engine starts at most one DMA per {@link DmaConfig#issueGapPs} (its
 *       per-DMA overhead); a request waits here while the engine is busy;</li>
 *   <li>{@code REQUEST_UP}: a write's data TLPs (MPS) or a read's header-only request TLPs
 *       (MRRS) cross the link upstream ({@link PcieLink});</li>
 *   <li>{@code TRANSLATE}: one {@link TimedIommu#translate} per request TLP — the root complex
 *       translates every TLP's address: a write's MPS blocks, a read's MRRS blocks (consecutive
 *       TLPs of one page mostly hit the IOTLB) — all issued at once; the phase ends when the
 *       last returns (its length is the request's time blocked on translation); if any
 *       faulted, the request is aborted here and every failed translation is counted by
 *       reason. A device with no IOMMU on its path ({@code iommu} null) skips this phase;</li>
 *   <li>{@code MEMORY}: the data access, {@link DmaConfig#memoryLatencyPs};</li>
 *   <li>{@code COMPLETION_DOWN} (reads only): the completion TLPs cross the link downstream.</li>
 * </ol>
 * Completion (or abort) frees the tag: a closed loop issues the next request at once, an open
 * loop takes the oldest waiting arrival from its backlog, a driven engine
 * ({@link IssueMode.Driven}) the oldest waiting {@link #submit}. A {@link DmaListener} hears
 * every request take its tag and end (trace recording, NIC descriptor recycling).
 *
 * <p>Does not model: overlap of a request's TLP transfer with its translations (the root
 * complex translates each TLP as it arrives — here the phases are serial), ATS (the IOMMU's
 * own {@code enableAts} covers the device cache), PRI waits other than the IOMMU's, ordering
 * among requests, or memory bandwidth for data. Requests are pooled: the steady state allocates
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
    private final Distribution interArrival;
    private final Event arrival = Event.of(this::arrive);
    private final LongArrayFIFOQueue backlog = new LongArrayFIFOQueue();
    private DmaRequest free;
    private final RequestFifo waiting = new RequestFifo();
    private DmaListener listener = DmaListener.NONE;
    private int outstanding;
    private long issuedCount;
    private long fixedStart;
    private long fixedArrivals;
    private long nextIssueAt;
    private boolean running;

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
        this.interArrival = mode instanceof IssueMode.OpenLoop o ? o.interArrivals(streams, prefix) : null;
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
            fixedStart = sim.now();
            fixedArrivals = 0;
            sim.schedule(arrival, 0);
        }
    }

    /** Stops issuing new requests (and drops the backlog); requests in flight finish. */
    public void stop() {
        running = false;
        sim.cancel(arrival);
        backlog.clear();
        for (DmaRequest r = waiting.poll(); r != null; r = waiting.poll()) {
            r.nextFree = free;
            free = r;
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
        DmaRequest r = take();
        r.arrival = sim.now();
        r.iova = iova;
        r.length = bytes;
        r.access = access;
        r.pasid = pasid;
        r.tag = tag;
        if (outstanding < config.maxOutstanding()) {
            begin(r);
        } else {
            waiting.add(r);
            stats.backlog.set(waiting.size());
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

    private void arrive() {
        if (!running) {
            return;
        }
        if (outstanding < config.maxOutstanding()) {
            issue(sim.now());
        } else {
            backlog.enqueue(sim.now());
            stats.backlog.set(backlog.size());
        }
        IssueMode.OpenLoop o = (IssueMode.OpenLoop) mode;
        if (interArrival != null) {
            sim.schedule(arrival, interArrival.sampleLong());
        } else {
            fixedArrivals++;
            sim.scheduleAt(arrival, fixedStart + Math.round(fixedArrivals * o.meanIntervalPs()));
        }
    }

    private DmaRequest take() {
        DmaRequest r = free;
        if (r == null) {
            return new DmaRequest(this);
        }
        free = r.nextFree;
        r.nextFree = null;
        return r;
    }

    private void issue(long arrivedAt) {
        DmaRequest r = take();
        r.arrival = arrivedAt;
        r.iova = pattern.next();
        r.length = config.requestBytes();
        r.access = isRead() ? Access.READ : Access.WRITE;
        r.pasid = config.pasidBase() + (int) (issuedCount++ % config.pasidCount());
        r.tag = 0;
        begin(r);
    }

    /**
     * Takes a tag and sends the request's first TLPs — at once, or, when the engine started a DMA
     * less than {@code issueGapPs} ago, when the gap has passed.
     */
    private void begin(DmaRequest r) {
        outstanding++;
        stats.outstanding.set(outstanding);
        stats.issued.increment();
        listener.issued(device, r.arrival, r.pasid, r.iova, r.length, r.access);
        r.fault = null;
        long now = sim.now();
        long start = Math.max(now, nextIssueAt);
        nextIssueAt = start + config.issueGapPs();
        if (start > now) {
            r.phase = DmaRequest.Phase.ISSUE;
            sim.schedule(r, start - now);
            return;
        }
        send(r);
    }

    /** The request's first TLPs go upstream. */
    private void send(DmaRequest r) {
        r.phase = DmaRequest.Phase.REQUEST_UP;
        if (r.access == Access.WRITE) {
            link.sendWrite(r.iova, r.length, 0, r);
        } else {
            link.sendReadRequest(r.iova, r.length, 0, r);
        }
    }

    private boolean isRead() {
        double f = config.readFraction();
        return f >= 1 || (f > 0 && rw.nextDouble() < f);
    }

    /**
     * A link transfer of {@code r} arrived: after the request TLPs, each request TLP is translated
     * (or, with no IOMMU on the path, the data access starts at once); after completions, finish.
     */
    void linkDone(DmaRequest r) {
        if (r.phase == DmaRequest.Phase.COMPLETION_DOWN) {
            finish(r);
            return;
        }
        if (iommu == null) {
            r.phase = DmaRequest.Phase.MEMORY;
            sim.schedule(r, config.memoryLatencyPs());
            return;
        }
        r.phase = DmaRequest.Phase.TRANSLATE;
        r.translateStart = sim.now();
        int unit = translationUnit(r.access);
        long tlps = Tlps.count(r.iova, r.length, unit);
        r.pendingTranslations = (int) tlps;
        stats.translations.add(tlps);
        for (long i = 0; i < tlps; i++) {
            iommu.translate(device, r.pasid, Tlps.start(r.iova, unit, i), r.access, i, r);
        }
    }

    /** The size request TLPs are split at — MPS for writes, MRRS for reads — each translated once. */
    private int translationUnit(Access access) {
        return access == Access.WRITE ? link.config().maxPayloadBytes() : link.config().maxReadRequestBytes();
    }

    void translationDone(DmaRequest r, boolean ok, FaultReason reason, long latencyPs) {
        stats.translationLatency.record(latencyPs);
        if (!ok) {
            stats.faults[reason.ordinal()].increment();
            if (r.fault == null) {
                r.fault = reason;
            }
        }
        if (--r.pendingTranslations > 0) {
            return;
        }
        stats.translationBlocked.add(sim.now() - r.translateStart);
        if (r.fault != null) {
            stats.aborted.increment();
            release(r);
            return;
        }
        r.phase = DmaRequest.Phase.MEMORY;
        sim.schedule(r, config.memoryLatencyPs());
    }

    /** The request's own event: the end of its issue gap or of its data access. */
    void fired(DmaRequest r) {
        if (r.phase == DmaRequest.Phase.ISSUE) {
            send(r);
        } else {
            memoryDone(r);
        }
    }

    private void memoryDone(DmaRequest r) {
        if (r.access == Access.READ) {
            r.phase = DmaRequest.Phase.COMPLETION_DOWN;
            link.sendCompletion(r.iova, r.length, 0, r);
        } else {
            finish(r);
        }
    }

    private void finish(DmaRequest r) {
        stats.completed.increment();
        stats.bytes.add(r.length);
        (r.access == Access.READ ? stats.readBytes : stats.writeBytes).add(r.length);
        release(r);
    }

    /** Ends a request (completed or aborted): latency, tag back, the next request. */
    private void release(DmaRequest r) {
        long latency = sim.now() - r.arrival;
        stats.dmaLatency.record(latency);
        stats.dmaTime.add(latency);
        outstanding--;
        stats.outstanding.set(outstanding);
        long tag = r.tag;
        boolean ok = r.fault == null;
        r.nextFree = free;
        free = r;
        listener.ended(device, tag, ok, latency);
        if (!running) {
            return;
        }
        if (waiting.size() > 0) {
            DmaRequest next = waiting.poll();
            stats.backlog.set(waiting.size());
            begin(next);
        } else if (mode instanceof IssueMode.ClosedLoop) {
            issue(sim.now());
        } else if (backlog.size() > 0) {
            long arrivedAt = backlog.dequeueLong();
            stats.backlog.set(backlog.size());
            issue(arrivedAt);
        }
    }
}
