package org.iommusim.hw.iommu.datapath;

import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.resource.FifoServer;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.cache.Iotlb;
import org.iommusim.hw.iommu.fault.PageRequestGroups;
import org.iommusim.hw.iommu.inval.InvalidationEffect;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.iommu.ats.AtsConfig;
import org.iommusim.hw.iommu.fault.FaultReporter;
import org.iommusim.hw.iommu.inval.IommuInvalidations;
import org.iommusim.hw.iommu.fault.OwnerFaultHandler;
import org.iommusim.hw.iommu.PipelineConfig;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.stale.StaleUseOracle;
import org.iommusim.hw.pagetable.Access;

/**
 * The timed IOMMU as the devices see it (DESIGN §3): {@link #translate} starts one
 * {@link TranslationProcess}, which carries the request through admission under the in-flight
 * bounds, the context/PASID cache, the IOTLB and on a miss a page walk ({@link Walk}: the
 * functional walker's trace replayed through the walk caches and the {@link PteMemory}), fills,
 * then completion — or a fault: reported, and for a recoverable fault a page request and a retry.
 * A stage-1 fault of a bound table goes to its owner ({@link #setOwnerFaultHandler}).
 *
 * <p>Invalidations reach the caches through {@link #invalidations()} at the instant they take
 * effect (an invalidation queue decides when, through {@link #effectHook()}); the removals they
 * record are judged by the {@link StaleUseOracle}, so {@code staleUses} counts exactly the DMAs
 * served by a cached translation of a removed mapping. A walk during which any invalidation took
 * effect does not fill the caches (its trace may predate it).
 *
 * <p>A device that enabled ATS ({@link #enableAts}) looks in its own ATC first; a miss crosses the
 * PCIe link both ways around an IOMMU translation. Per device, a {@link DevicePipelines} keeps the
 * order translations are handed back in, the device's pending-miss slots and the head-of-line
 * stall behind a miss without a slot ({@link PipelineConfig}).
 *
 * <p>This class holds no flow itself: it builds the units ({@link IommuUnits}) and is the
 * configuration and observation surface. Does not model: the data access after translation, the
 * PCIe link of non-ATS requests, ordering across devices. Processes and walks are pooled: the
 * steady state allocates nothing.
 */
public final class TimedIommu {
    private final IommuUnits units;

    public TimedIommu(TimedIommuConfig config, Simulator sim, StatsRegistry registry, RandomStreams streams,
                      ControlPlane controlPlane, PteMemory memory, String prefix) {
        this.units = new IommuUnits(config, sim, registry, streams, controlPlane, memory, prefix);
    }

    /** Translates a DMA TLP of {@code device} with {@code pasid} at {@code iova}; {@code callback} gets the result. */
    public void translate(int device, int pasid, long iova, Access access, long tag, TranslationCallback callback) {
        if (!units.waitingRuns.join(device, pasid, iova, access, tag, callback)) {
            units.take().arrive(device, pasid, iova, access, tag, callback);
        }
    }

    /**
     * Translates {@code count} consecutive request TLPs of {@code tlpBytes} (a power of two) of one
     * DMA within one 4 KiB page, arrived now: the first at {@code iova}, the others at their
     * {@code tlpBytes}-aligned starts, tagged {@code firstTag}, {@code firstTag + 1}, ... Every TLP is
     * translated as by {@link #translate} one after the other, with the same results and statistics;
     * where that is provably the same, TLPs that hit together are handled together and answered
     * through {@link RunCallback}'s run methods ({@code TlpRuns}), else one by one.
     */
    public void translateRun(int device, int pasid, long iova, int tlpBytes, int count, Access access, long firstTag,
                             RunCallback callback) {
        if (Integer.bitCount(tlpBytes) != 1 || count < 1
                || (iova >>> 12) != (TranslationRequest.memberAddress(iova, tlpBytes, count - 1) >>> 12)) {
            throw new IllegalArgumentException("a run is 1 or more TLPs of one 4 KiB page, of a power-of-two size; got "
                    + count + " of " + tlpBytes + " B from 0x" + Long.toHexString(iova));
        }
        if (count > 1 && units.runs.allowed(device)) {
            units.runs.arrive(device, pasid, iova, tlpBytes, count, access, firstTag, callback);
            return;
        }
        for (int m = 0; m < count; m++) {
            translate(device, pasid, TranslationRequest.memberAddress(iova, tlpBytes, m), access, firstTag + m, callback);
        }
    }

    /**
     * Stage-1 faults of bind-invalidate IOASID {@code ioasid} go to {@code handler}, its owner
     * (null: only counted, the default); see {@code OwnerFaults}.
     */
    public void setOwnerFaultHandler(int ioasid, OwnerFaultHandler handler) {
        units.faults.setOwnerFaultHandler(ioasid, handler);
    }

    /** Host faults (every fault that is not an owner's) go to {@code reporter} (the fault queue). */
    public void setFaultReporter(FaultReporter reporter) {
        units.faults.setReporter(reporter);
    }

    /**
     * Recoverable faults: the devices ask for their pages through {@code groups} (PCIe PRI page
     * request groups), whose handler decides which faults are recoverable. Null: every fault
     * aborts the DMA.
     */
    public void setPageRequests(PageRequestGroups groups) {
        units.faults.setPageRequests(groups);
    }

    /** The device side of page requests (a DMA's failed translations ask through it), or null: PRI off. */
    public PageRequestGroups pageRequests() {
        return units.faults.pageRequests();
    }

    /**
     * Puts {@code device} in pass-through (identity) translation: its context entry says
     * pass-through (VT-d scalable-mode PGTT pass-through, SMMUv3 STE bypass, AMD-Vi DTE mode 0),
     * so a request costs the context lookup (and its reads on a context-cache miss) and comes out
     * with its own address — no IOTLB lookup, no walk, no fault.
     */
    public void setPassThrough(int device) {
        units.setPassThrough(device);
    }

    /** Where lazy shadow fills go to be priced on the host CPU (see {@link LazyFillSink}). */
    public void setLazyFillSink(LazyFillSink sink) {
        units.walkers.setLazyFillSink(sink);
    }

    /** Gives {@code device} an ATS translation cache: its DMAs look there first (see {@link AtsConfig}). */
    public void enableAts(int device, AtsConfig config) {
        units.atcs.enable(device, config);
        units.oracle.watch(StaleUseOracle.Structure.ATC, device, 0, units.atcs.atc(device).cache());
    }

    /** True when {@code device} has an ATS translation cache ({@link #enableAts}). */
    public boolean atsEnabled(int device) {
        return units.atcs.enabled(device);
    }

    // ---- observation ---------------------------------------------------------------------------

    /** The walker slots (FIFO server: queueing delay, utilisation, Little's law). */
    public FifoServer walkers() {
        return units.walkerSlots;
    }

    public Iotlb iotlb() {
        return units.caches.iotlb();
    }

    /** Where invalidations take effect and removals are recorded (for the stale-use oracle). */
    public IommuInvalidations invalidations() {
        return units.invalidations;
    }

    /** The hook an {@code InvalidationQueue} calls when a descriptor takes effect. */
    public InvalidationEffect effectHook() {
        return units.invalidations;
    }

    public int inFlight() {
        return units.admission.inFlight();
    }

    public int inFlight(int device) {
        return units.admission.inFlight(device);
    }

    public int waitingForAdmission() {
        return units.admission.waiting();
    }

    /**
     * TLPs so far that travelled with the first TLP of their run instead of on their own
     * ({@link #translateRun}; for checks and diagnostics, not a statistic of the model).
     */
    public long tlpsInRuns() {
        return units.runs.joined();
    }

    /**
     * TLPs so far that missed the IOTLB as one run behind the first TLP of their run, joined its
     * walk and completed with it ({@link #translateRun}; for checks, not a statistic of the model).
     */
    public long tlpsMissedInRuns() {
        return units.runs.missedWithFirst();
    }

    /** TLPs so far that arrived on their own and joined a waiting run (for checks, not a statistic of the model). */
    public long tlpsJoinedWaiting() {
        return units.waitingRuns.joined();
    }

    /** Requests so far that a walk's end completed together (for checks, not a statistic of the model). */
    public long requestsServedTogether() {
        return units.runs.servedTogether();
    }

    /**
     * IOTLB misses so far that were found from a shared kernel event with others of their instant
     * ({@link IommuUnits#misses}; for checks and diagnostics, not a statistic of the model).
     */
    public long missesBatched() {
        return units.misses.batched();
    }

    /** PTE memory reads of walks so far at {@code stage} (1, 2) and {@code level} (1..5). */
    public long pteReads(int stage, int level) {
        return units.stats.reads(stage, level);
    }
}
