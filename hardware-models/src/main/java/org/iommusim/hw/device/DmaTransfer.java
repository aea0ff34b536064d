package org.iommusim.hw.device;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.hw.iommu.datapath.RunCallback;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.pcie.LinkCallback;
import org.iommusim.hw.pcie.PcieLink;
import org.iommusim.hw.pcie.FlowCredits;

/**
 * One DMA of a {@link DmaEngine} from its tag to its end, its phases below in execution order
 * (phase 2 is its {@link RequestTlps}, the PRI retries of phase 3 its {@link DmaPageRequests}):
 * <ol>
 *   <li>issue: the engine starts at most one DMA per {@link DmaConfig#issueGapPs} (its per-DMA
 *       overhead; drawn per DMA when {@link DmaDistributions} gives it a distribution); the
 *       transfer waits here while the engine is busy;</li>
 *   <li>request up: the request TLPs pass the device's {@link RequestStream} (an IOTLB miss holds
 *       it longer), then cross the link under the root port's flow-control credits
 *       ({@link FlowCredits}): a read's requests as one unit, a write's TLPs one by one. A write
 *       is posted: its tag goes back ({@link DmaEngine#tagFreed}) when its last TLP has left — with
 *       ATS once its translations are back too (the device sends a write only once translated);</li>
 *   <li>translate: the root complex translates every request TLP's address — a write's each as it
 *       arrives ({@link TimedIommu#translate}), a read's all when they arrive, each page's requests
 *       as one run ({@link TimedIommu#translateRun}: handled together where they hit together). A
 *       TLP leaves the root port's receive buffer when the IOMMU takes it in (admission; on arrival
 *       with no IOMMU on the path), and its credits return one link latency later (UpdateFC): a
 *       full IOMMU backs requests up into the device. A device with ATS sends requests it has
 *       translated itself (ATC lookups and ATS round trips first): their credits free on arrival.
 *       The phase ends when the last translation returns (its length: the DMA's time blocked on
 *       translation); if any faulted, the DMA is aborted and each failed one counted by reason —
 *       with PRI the failed pages go out as one page request group whose response retries them
 *       ({@link DmaPageRequests}; the phase goes on);</li>
 *   <li>memory: the data access, {@link DmaConfig#memoryLatencyPs} (or a draw per DMA);</li>
 *   <li>completion down (reads only): the completions cross the link, and the device consumes them
 *       ({@link DmaConfig#completionHandlingPs}, or a draw per read), still holding the tag;</li>
 *   <li>end: counted; a read's tag goes back ({@link DmaEngine#release}), a write is done ({@link DmaEngine#finished}).</li>
 * </ol>
 *
 * <p>Pooled by its engine: allocated once, so a DMA allocates nothing. Does not model: overlap of
 * a read's request with its translations (the phases are serial), ordering among DMAs, memory
 * bandwidth for data, completion credits (infinite at an endpoint: the tag is the reservation).
 */
final class DmaTransfer implements RunCallback, LinkCallback {
    private final DmaEngine engine;
    private final Simulator sim;
    private final int device;
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
    private long tag, arrival;
    private long translateStart;
    private int pendingTranslations;
    private FaultReason fault;
    private int arrived; // request TLPs that have arrived at the root port (writes)
    /** ATS: the device translates its requests (credits free on arrival; a write's tag returns once translated). */
    private boolean deviceTranslates;
    private final RequestTlps requests; // phase 2: the request TLPs and how they go upstream
    private final DmaPageRequests pri; // PRI: the failed translations as one page request group, and retries

    DmaTransfer(DmaEngine engine, Simulator sim, int device, TimedIommu iommu, PcieLink link, DmaStats stats,
                RequestStream stream) {
        this.engine = engine;
        this.sim = sim;
        this.device = device;
        this.iommu = iommu;
        this.link = link;
        this.stats = stats;
        this.requests = new RequestTlps(link, this, stream);
        this.pri = new DmaPageRequests(this, iommu, device);
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
        pri.reset();
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

    /** The request TLPs go upstream ({@link RequestTlps}); each will be translated as it arrives. */
    private void sendRequest() {
        pendingTranslations = requests.split(iova, length, access);
        arrived = 0;
        deviceTranslates = iommu != null && iommu.atsEnabled(device);
        requests.send();
    }

    /** A write's last TLP has left the device: the write is posted, its tag goes back (with ATS: once translated). */
    @Override
    public void left(long linkTag) {
        if (access == Access.WRITE && linkTag == requests.count() - 1 && !deviceTranslates) {
            engine.tagFreed(this);
        }
    }

    /** Request TLPs arrived at the root complex: translated (with no IOMMU on the path, forwarded at once). */
    @Override
    public void delivered(long linkTag, long latencyPs) {
        if (access == Access.WRITE) {
            writeTlpArrived(linkTag);
            return;
        }
        long first = RequestTlps.first(linkTag);
        int count = RequestTlps.count(linkTag);
        if (first == 0) {
            translateStart = sim.now();
        }
        if (iommu == null || deviceTranslates) {
            // no translation in the root port: with ATS the device translated the request before sending it
            requests.freed(first, count);
        }
        if (iommu == null) {
            pendingTranslations -= count;
            if (pendingTranslations == 0) {
                sim.schedule(memoryDone, engine.delays.memoryLatency.next());
            }
            return;
        }
        stats.translations.add(count);
        requests.translate(iommu, device, pasid, first, count, this);
    }

    /** Write TLP {@code i} reached the root port: translated, or (no IOMMU) forwarded at once. */
    private void writeTlpArrived(long i) {
        if (arrived++ == 0) {
            translateStart = sim.now();
        }
        if (iommu == null || deviceTranslates) {
            // no translation in the root port: with ATS the device sent the write once it had its translation
            requests.freed(i, 1);
        }
        if (iommu == null) {
            if (arrived == requests.count()) {
                sim.schedule(memoryDone, engine.delays.memoryLatency.next());
            }
            return;
        }
        stats.translations.increment();
        iommu.translate(device, pasid, requests.start(i), access, i, this);
    }

    /** The IOMMU took TLP {@code tlp} in: it leaves the root port's receive buffer, its credits go back. */
    @Override
    public void accepted(long tlp) {
        if (deviceTranslates || (tlp & DmaPageRequests.RETRY) != 0) {
            return; // freed on arrival (delivered, writeTlpArrived), or a retry after a page response
        }
        requests.freed(tlp, 1);
    }

    /** Request TLPs {@code first} to {@code first + count - 1} were taken in together: their credits go back. */
    @Override
    public void acceptedRun(long first, int count) {
        if ((first & DmaPageRequests.RETRY) != 0) {
            return; // retries after a page response hold no credits (a device with ATS sends no runs)
        }
        requests.freed(first, count);
    }

    /** A TLP of this DMA missed the IOTLB: the IOMMU holds the device's request stream {@code ps} longer, from its passage. */
    @Override
    public void streamHeld(long ps) {
        requests.stream.hold(ps, requests.passedAt());
    }

    /** One TLP's translation returned (a failed one is parked for PRI or counted by reason). */
    @Override
    public void translated(long tlp, boolean ok, long hpa, FaultReason reason, int stage, long latencyPs) {
        if (!ok && !pri.park(tlp, pasid, access, reason, stage)) {
            stats.faults[reason.ordinal()].increment();
            if (fault == null) {
                fault = reason;
            }
        }
        translatedRun(tlp, 1, latencyPs);
    }

    /**
     * {@code count} TLPs were translated, each after {@code latencyPs}; after the last, the data
     * access — or, if any faulted, the abort (or PRI's retries).
     */
    @Override
    public void translatedRun(long first, int count, long latencyPs) {
        stats.translationLatency.record(latencyPs, count);
        pendingTranslations -= count;
        if (pendingTranslations > 0 || pri.send()) {
            return; // more to come, or the page request group's response retries its translations
        }
        if (access == Access.WRITE && deviceTranslates) {
            engine.tagFreed(this); // an ATS device sends a write only once translated: it was not posted before
        }
        stats.translationBlocked.add(sim.now() - translateStart);
        if (fault != null) {
            stats.aborted.increment();
            done();
            return;
        }
        sim.schedule(memoryDone, engine.delays.memoryLatency.next());
    }

    /** The address request TLP {@code tlp} translates. */
    long tlpAddress(long tlp) {
        return requests.start(tlp);
    }

    /** A page request group's response: TLP {@code tlpTag} (with {@link DmaPageRequests#RETRY}) is translated again. */
    void translateAgain(long tlpTag) {
        pendingTranslations++;
        stats.translations.increment();
        requests.retried();
        iommu.translate(device, pasid, requests.start(tlpTag & ~DmaPageRequests.RETRY), access, tlpTag, this);
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
        long handling = engine.delays.completionHandling.next();
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
