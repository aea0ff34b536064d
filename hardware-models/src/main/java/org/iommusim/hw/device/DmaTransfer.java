package org.iommusim.hw.device;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.iommu.datapath.TranslationCallback;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.pcie.LinkCallback;
import org.iommusim.hw.pcie.PcieLink;
import org.iommusim.hw.pcie.Tlps;

/**
 * One DMA of a {@link DmaEngine} from its tag to its end, its phases below in execution order:
 * <ol>
 *   <li>issue: the engine starts at most one DMA per {@link DmaConfig#issueGapPs} (its per-DMA
 *       overhead); the transfer waits here while the engine is busy;</li>
 *   <li>request up: a write's data TLPs (MPS) or a read's header-only request TLPs (MRRS) cross
 *       the link upstream ({@link PcieLink});</li>
 *   <li>translate: one {@link TimedIommu#translate} per request TLP — the root complex translates
 *       every TLP's address (a write's MPS blocks, a read's MRRS blocks; consecutive TLPs of one
 *       page mostly hit the IOTLB) — all issued at once; the phase ends when the last returns
 *       (its length is the DMA's time blocked on translation); if any faulted, the DMA is aborted
 *       here and every failed translation is counted by reason. With no IOMMU on the path the
 *       phase is skipped;</li>
 *   <li>memory: the data access, {@link DmaConfig#memoryLatencyPs};</li>
 *   <li>completion down (reads only): the completion TLPs cross the link downstream;</li>
 *   <li>end: counted, and its tag goes back to the engine ({@link DmaEngine#release}).</li>
 * </ol>
 *
 * <p>Pooled by its engine: its events and callbacks are allocated once, so a DMA allocates
 * nothing. Does not model: overlap of the TLP transfer with its translations (the phases are
 * serial), ordering among DMAs, memory bandwidth for data.
 */
final class DmaTransfer implements TranslationCallback, LinkCallback {
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
    private final LinkCallback completionArrived = (linkTag, latencyPs) -> end();
    private long iova;
    private int length;
    private Access access;
    private int pasid;
    private long tag;
    private long arrival;
    private long translateStart;
    private int pendingTranslations;
    private FaultReason fault;

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

    /** The request TLPs go upstream. */
    private void sendRequest() {
        if (access == Access.WRITE) {
            link.sendWrite(iova, length, 0, this);
        } else {
            link.sendReadRequest(iova, length, 0, this);
        }
    }

    /**
     * The request TLPs arrived at the root complex: each is translated (or, with no IOMMU on the
     * path, the data access starts at once).
     */
    @Override
    public void delivered(long linkTag, long latencyPs) {
        if (iommu == null) {
            sim.schedule(memoryDone, config.memoryLatencyPs());
            return;
        }
        translateStart = sim.now();
        int unit = access == Access.WRITE ? link.config().maxPayloadBytes() : link.config().maxReadRequestBytes();
        long tlps = Tlps.count(iova, length, unit);
        pendingTranslations = (int) tlps;
        stats.translations.add(tlps);
        for (long i = 0; i < tlps; i++) {
            iommu.translate(device, pasid, Tlps.start(iova, unit, i), access, i, this);
        }
    }

    /** One TLP's translation returned; after the last, the data access — or, if any faulted, the abort. */
    @Override
    public void translated(long tlp, boolean ok, long hpa, FaultReason reason, int stage, long latencyPs) {
        stats.translationLatency.record(latencyPs);
        if (!ok) {
            stats.faults[reason.ordinal()].increment();
            if (fault == null) {
                fault = reason;
            }
        }
        if (--pendingTranslations > 0) {
            return;
        }
        stats.translationBlocked.add(sim.now() - translateStart);
        if (fault != null) {
            stats.aborted.increment();
            engine.release(this);
            return;
        }
        sim.schedule(memoryDone, config.memoryLatencyPs());
    }

    /** The data access is done: a read's completions go downstream, a write ends. */
    private void memoryDone() {
        if (access == Access.READ) {
            link.sendCompletion(iova, length, 0, completionArrived);
        } else {
            end();
        }
    }

    /** Completed: counted, and the tag goes back. */
    private void end() {
        stats.completed.increment();
        stats.bytes.add(length);
        (access == Access.READ ? stats.readBytes : stats.writeBytes).add(length);
        engine.release(this);
    }
}
