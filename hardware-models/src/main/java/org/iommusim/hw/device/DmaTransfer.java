package org.iommusim.hw.device;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.iommu.fault.PageRequestGroups;
import org.iommusim.hw.iommu.datapath.TranslationCallback;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.pcie.LinkCallback;
import org.iommusim.hw.pcie.LinkDirection;
import org.iommusim.hw.pcie.PcieLink;
import org.iommusim.hw.pcie.FlowCredits;
import org.iommusim.hw.pcie.Tlps;

/**
 * One DMA of a {@link DmaEngine} from its tag to its end, its phases below in execution order:
 * <ol>
 *   <li>issue: the engine starts at most one DMA per {@link DmaConfig#issueGapPs} (its per-DMA
 *       overhead; drawn per DMA when {@link DmaDistributions} gives it a distribution); the transfer waits here while the engine is busy;</li>
 *   <li>request up: a read's header-only request TLPs (MRRS) first take one non-posted-header
 *       credit each of the root port ({@link FlowCredits}), in order, then cross the link
 *       upstream as one unit; a write's data TLPs (MPS) go one by one, each first taking the root
 *       port's posted credits (one header, one data credit per 16 B), in order. A write
 *       is posted: the device waits for nothing after its last TLP has left, so its tag goes
 *       back to the engine then ({@link DmaEngine#tagFreed}) while the TLPs travel on — with
 *       ATS once its translations are back too (the device sends a write only once it has the
 *       translation; the model translates at the root port, so it frees the tag then);</li>
 *   <li>translate: one {@link TimedIommu#translate} per request TLP — the root complex translates
 *       every TLP's address (consecutive TLPs of one page mostly hit the IOTLB): a read's all at
 *       once when its requests arrive, a write's each as it arrives. A write TLP leaves the root
 *       port's receive buffer when the IOMMU takes it in (admission to an in-flight slot; on
 *       arrival with no IOMMU on the path), and its credits return one link latency later
 *       (UpdateFC): a full IOMMU backs writes up into the device. A read request TLP frees its
 *       non-posted credit the same way. A device with ATS sends the requests it has translated
 *       itself (its ATC lookups and ATS round trips happen before), so its read requests and
 *       write TLPs free their credits on arrival.
 *       The phase ends when the last translation returns (its length is the DMA's time blocked on translation); if any
 *       faulted, the DMA is aborted and every failed translation is counted by reason — unless its
 *       device has PRI: then the failed pages go out as one page request group and the group's
 *       response retries their translations ({@link PageRequestGroups}; the phase goes on);</li>
 *   <li>memory: the data access, {@link DmaConfig#memoryLatencyPs} (or a draw per DMA);</li>
 *   <li>completion down (reads only): the completion TLPs cross the link downstream, and the
 *       device consumes them ({@link DmaConfig#completionHandlingPs}, or a draw per read), still holding the tag;</li>
 *   <li>end: counted; a read's tag goes back to the engine now ({@link DmaEngine#release}),
 *       a write's transfer is done ({@link DmaEngine#finished}).</li>
 * </ol>
 *
 * <p>Pooled by its engine: its events and callbacks are allocated once, so a DMA allocates
 * nothing. Does not model: overlap of a read's request with its translations (the phases are
 * serial), ordering among DMAs, memory bandwidth for data, completion credits (infinite at an
 * endpoint: the tag is the read's reservation).
 */
final class DmaTransfer implements TranslationCallback, LinkCallback, FlowCredits.Waiter, PageRequestGroups.Requester {
    private final DmaEngine engine;
    private final Simulator sim;
    private final int device;
    private final DmaConfig config;
    /** The IOMMU translating this device's TLPs, or null: no IOMMU on the path (the baseline). */
    private final TimedIommu iommu;
    private final PcieLink link;
    private final DmaStats stats;
    private final Event gapEnded = Event.of(this::sendRequest);
    private final Event memoryDone = Event.of(this::memoryDone);
    private final LinkCallback completionArrived = (linkTag, latencyPs) -> completionsArrived();
    private final Event completionsHandled = Event.of(this::end);
    private long iova;
    private int length;
    private Access access;
    private int pasid;
    private long tag;
    private long arrival;
    private long translateStart;
    private int pendingTranslations;
    private FaultReason fault;
    /** Link-tag bits of a read chunk's request count (the rest: its first request's index). */
    private static final int CHUNK_BITS = 20;
    /** A DMA's request TLPs: how many, how many sent, how many arrived at the root port (writes). */
    private int tlps;
    private int sent;
    private int arrived;
    /** Requests of the read chunk being sent (waiting for its non-posted credits). */
    private int chunk;
    /** PRI hook: this DMA's page request group (its failed translations), made at its first failure. */
    private PageRequestGroups.Group pri;
    /** Tag bit of a TLP translated again after a page request group's response (its credits went back). */
    private static final long RETRY = 1L << 62;

    DmaTransfer(DmaEngine engine, Simulator sim, int device, DmaConfig config, TimedIommu iommu, PcieLink link,
                DmaStats stats) {
        this.engine = engine;
        this.sim = sim;
        this.device = device;
        this.config = config;
        this.iommu = iommu;
        this.link = link;
        this.stats = stats;
    }

    /** What the DMA moves: {@code bytes} at {@code addr} of {@code pas}, arrived at {@code arrivedAt}. */
    void set(long arrivedAt, long addr, int bytes, Access acc, int pas, long driverTag) {
        arrival = arrivedAt;
        iova = addr;
        length = bytes;
        access = acc;
        pasid = pas;
        tag = driverTag;
        fault = null;
        if (pri != null) {
            pri.reset();
        }
    }

    long arrival() {
        return arrival;
    }

    long iova() {
        return iova;
    }

    int length() {
        return length;
    }

    Access access() {
        return access;
    }

    int pasid() {
        return pasid;
    }

    long tag() {
        return tag;
    }

    /** True unless a translation of it faulted (the DMA was aborted). */
    boolean ok() {
        return fault == null;
    }

    /** Holds its tag now: its request TLPs go upstream after {@code gapPs} (the engine's issue gap), or at once. */
    void issue(long gapPs) {
        if (gapPs > 0) {
            sim.schedule(gapEnded, gapPs);
        } else {
            sendRequest();
        }
    }

    /**
     * The request TLPs go upstream: a read's as one unit once it holds a non-posted credit per
     * request TLP, a write's TLP by TLP under the posted credits.
     */
    private void sendRequest() {
        if (access == Access.WRITE) {
            tlps = (int) Tlps.count(iova, length, link.config().maxPayloadBytes());
            sent = 0;
            arrived = 0;
            pendingTranslations = tlps;
            sendWriteTlps();
        } else {
            tlps = readRequests();
            sent = 0;
            pendingTranslations = tlps;
            sendReadRequests();
        }
    }

    /** The read's request TLPs (one per MRRS block): one non-posted-header credit each. */
    private int readRequests() {
        return (int) Tlps.count(iova, length, link.config().maxReadRequestBytes());
    }

    /**
     * Sends the read's remaining requests while the root port's non-posted credits allow: all
     * as one unit when they fit (always with unlimited credits), else as many as are free (at
     * least one, waiting for it in order), the rest later.
     */
    private void sendReadRequests() {
        FlowCredits credits = link.nonPostedCredits();
        while (sent < tlps) {
            int k = tlps - sent;
            if (credits.limited()) {
                k = Math.min(k, Math.max(1, credits.headersFree()));
            }
            chunk = k;
            if (!credits.tryTake(k, 0, this)) {
                return; // creditsGranted() resumes here
            }
            sendReadChunk();
        }
    }

    /** Sends {@link #chunk} request TLPs from TLP {@link #sent} on as one unit; the link tag carries both. */
    private void sendReadChunk() {
        link.send(LinkDirection.UPSTREAM, 0, chunk, link.config().requestOverheadBytes(),
                (long) sent << CHUNK_BITS | chunk, this);
        sent += chunk;
    }

    /** Sends the write's next TLPs while the root port's posted credits allow, in order. */
    private void sendWriteTlps() {
        FlowCredits credits = link.postedCredits();
        while (sent < tlps) {
            if (!credits.tryTake(1, FlowCredits.dataCredits(writeTlpBytes(sent)), this)) {
                return; // creditsGranted() resumes here
            }
            sendWriteTlp();
        }
    }

    @Override
    public void creditsGranted() {
        if (access == Access.READ) {
            sendReadChunk();
            sendReadRequests();
            return;
        }
        sendWriteTlp();
        sendWriteTlps();
    }

    private void sendWriteTlp() {
        int i = sent++;
        link.send(LinkDirection.UPSTREAM, writeTlpBytes(i), 1, link.config().requestOverheadBytes(), i, this);
    }

    /** Payload bytes of the write's TLP {@code i} (split at MPS boundaries). */
    private int writeTlpBytes(long i) {
        int mps = link.config().maxPayloadBytes();
        long start = Tlps.start(iova, mps, i);
        long end = Math.min(iova + length, (start & -(long) mps) + mps);
        return (int) (end - start);
    }

    /** A write of a device with ATS: it translates before it sends, so its tag comes back once translated. */
    private boolean atsWrite() {
        return access == Access.WRITE && iommu != null && iommu.atsEnabled(device);
    }

    /** A write's last TLP has left the device: the write is posted, its tag goes back (with ATS: once translated). */
    @Override
    public void left(long linkTag) {
        if (access == Access.WRITE && linkTag == tlps - 1 && !atsWrite()) {
            engine.tagFreed(this);
        }
    }

    /**
     * The request TLPs arrived at the root complex: each is translated (or, with no IOMMU on the
     * path, the data access starts at once).
     */
    @Override
    public void delivered(long linkTag, long latencyPs) {
        if (access == Access.WRITE) {
            writeTlpArrived(linkTag);
            return;
        }
        long first = linkTag >>> CHUNK_BITS;
        int count = (int) (linkTag & (1L << CHUNK_BITS) - 1);
        if (first == 0) {
            translateStart = sim.now();
        }
        if (iommu == null || iommu.atsEnabled(device)) {
            // no translation in the root port: with ATS the device translated the request before sending it
            link.nonPostedCredits().returnLater(count, 0);
        }
        if (iommu == null) {
            pendingTranslations -= count;
            if (pendingTranslations == 0) {
                sim.schedule(memoryDone, engine.memoryLatency.next());
            }
            return;
        }
        int unit = link.config().maxReadRequestBytes();
        stats.translations.add(count);
        for (long i = first; i < first + count; i++) {
            iommu.translate(device, pasid, Tlps.start(iova, unit, i), access, i, this);
        }
    }

    /** Write TLP {@code i} reached the root port: translated, or (no IOMMU) forwarded at once. */
    private void writeTlpArrived(long i) {
        if (arrived++ == 0) {
            translateStart = sim.now();
        }
        if (iommu == null || iommu.atsEnabled(device)) {
            // no translation in the root port: with ATS the device sent the write once it had its translation
            link.postedCredits().returnLater(1, FlowCredits.dataCredits(writeTlpBytes(i)));
        }
        if (iommu == null) {
            if (arrived == tlps) {
                sim.schedule(memoryDone, engine.memoryLatency.next());
            }
            return;
        }
        stats.translations.increment();
        iommu.translate(device, pasid, Tlps.start(iova, link.config().maxPayloadBytes(), i), access, i, this);
    }

    /** The IOMMU took TLP {@code tlp} in: it leaves the root port's receive buffer, its credits go back. */
    @Override
    public void accepted(long tlp) {
        if (iommu.atsEnabled(device)) {
            return; // freed on arrival (delivered, writeTlpArrived)
        }
        if ((tlp & RETRY) != 0) {
            return; // a retry after a page response: its credits went back the first time
        }
        if (access == Access.WRITE) {
            link.postedCredits().returnLater(1, FlowCredits.dataCredits(writeTlpBytes(tlp)));
        } else {
            link.nonPostedCredits().returnLater(1, 0);
        }
    }

    /** One TLP's translation returned; after the last, the data access — or, if any faulted, the abort. */
    @Override
    public void translated(long tlp, boolean ok, long hpa, FaultReason reason, int stage, long latencyPs) {
        stats.translationLatency.record(latencyPs);
        if (!ok && !pageRequested(tlp & ~RETRY, reason, stage)) {
            stats.faults[reason.ordinal()].increment();
            if (fault == null) {
                fault = reason;
            }
        }
        if (--pendingTranslations > 0 || pri != null && pri.send()) {
            return; // more to come, or the page request group's response retries its translations
        }
        if (atsWrite()) {
            engine.tagFreed(this); // an ATS device sends a write only once translated: it was not posted before
        }
        stats.translationBlocked.add(sim.now() - translateStart);
        if (fault != null) {
            stats.aborted.increment();
            done();
            return;
        }
        sim.schedule(memoryDone, engine.memoryLatency.next());
    }

    /** PRI hook: TLP {@code tlp}'s failed translation joins this DMA's page request group (true), or aborts it. */
    private boolean pageRequested(long tlp, FaultReason reason, int stage) {
        if (pri == null && iommu.pageRequests() != null) {
            pri = iommu.pageRequests().group(device, this);
        }
        return pri != null && pri.park(tlp, pasid, access, reason, stage);
    }

    @Override
    public long address(long tlp) {
        int unit = access == Access.WRITE ? link.config().maxPayloadBytes() : link.config().maxReadRequestBytes();
        return Tlps.start(iova, unit, tlp);
    }

    @Override
    public void retry(long tlp) {
        pendingTranslations++;
        stats.translations.increment();
        iommu.translate(device, pasid, address(tlp), access, tlp | RETRY, this);
    }

    /** The data access is done: a read's completions go downstream, a write ends. */
    private void memoryDone() {
        if (access == Access.READ) {
            link.sendCompletion(iova, length, 0, completionArrived);
        } else {
            end();
        }
    }

    /** A read's last completion arrived: the device consumes them (its completion handling), then the read ends. */
    private void completionsArrived() {
        long handling = engine.completionHandling.next();
        if (handling > 0) {
            sim.schedule(completionsHandled, handling);
        } else {
            end();
        }
    }

    /** Completed: counted, and the tag goes back. */
    private void end() {
        stats.completed.increment();
        stats.bytes.add(length);
        (access == Access.READ ? stats.readBytes : stats.writeBytes).add(length);
        done();
    }

    /** A read gives its tag back now; a posted write gave it back when its last TLP left. */
    private void done() {
        if (access == Access.READ) {
            engine.release(this);
        } else {
            engine.finished(this);
        }
    }
}
