package org.iommusim.hw.iommu;

import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.cache.PagingStructureCache;
import org.iommusim.hw.cache.SetAssociativeCache;
import org.iommusim.hw.functional.FunctionalWalker;
import org.iommusim.hw.functional.WalkTrace;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.IoasidView;
import org.iommusim.hw.nesting.WalkShape;
import org.iommusim.hw.pagetable.Pte;

/**
 * The stage-2 translation a context-cache miss of a hardware-nested child needs before the
 * context structures the guest owns can be read: on an SMMUv3 the STE's S1ContextPtr is an IPA
 * when stage 2 is enabled, so the CD fetch is translated through stage 2 (Arm IHI 0070 §3.3.2;
 * "a stage 2 walk occurs for each CD and stage 1 table fetch", Agilex 5 HPS TRM §4.3.9.2); on
 * AMD-Vi the nested DTE's GCR3 table root pointer is the guest's, a GPA the host (v1) table
 * translates (Linux {@code amd/nested.c} copies it from the guest DTE), so the GCR3 read is too. The
 * lookup goes through the IOMMU's stage-2 caching as the data path's 2D walk does: the IPA cache
 * (nested TLB, parent domain, page of the IPA) — a hit needs no read — else the stage-2 walk
 * caches, which save the leading reads of the parent's walk; the rest are read. The walk itself
 * is the functional walker's ({@link FunctionalWalker#stageTwo}). It also tells the context cache
 * which attachments use a first-stage table ({@link #firstStage}).
 *
 * <p>The guest's CD table page has no address of its own in the model: its IPA is taken as the
 * page of the guest's stage-1 root table (a page of the same guest memory, so a stage-2 walk of
 * the same depth), with an IPA-cache tag of its own ({@link #CD_TAG}) so that the data walks
 * never hit the entry it fills (nor it theirs). Timing only (which IOASID a request uses is read
 * from the control plane). Does not model: stage-2 walk-cache fills by the CD fetch (its entries
 * would carry no stale-use stamp), stage-2 faults on the CD fetch (the reads up to the fault are
 * charged, nothing is reported), a 2-level CD table (one translated page per miss).
 */
public final class ContextStageTwo {
    /** Tag bit that keeps the CD page's IPA-cache entry apart from the data walks' table pages. */
    static final long CD_TAG = 1L << 62;

    private final ControlPlane controlPlane;
    private final TranslationCaches caches;
    private final FunctionalWalker walker;
    private final WalkTrace trace = new WalkTrace();
    private final Counter reads;
    private long lookupPs;

    /** Its statistic exists when {@code config} addresses context structures by IPA (as the TBU micro-TLB's). */
    public ContextStageTwo(TimedIommuConfig config, ControlPlane controlPlane, TranslationCaches caches,
                           StatsRegistry stats, String prefix) {
        this.controlPlane = controlPlane;
        this.caches = caches;
        this.walker = new FunctionalWalker(controlPlane);
        this.reads = config.contextIpaReads() == 0 ? null : stats.counter(prefix + ".context.stage2-reads", "reads",
                "stage-2 PTE reads translating the IPA/GPA of guest-owned context structures (SMMUv3 CD, AMD-Vi GCR3 entry) after "
                        + "context-cache misses of hardware-nested children");
    }

    /**
     * Plans the stage-2 translation of a miss of ({@code device}, {@code pasid}): probes the IPA
     * cache and stage-2 walk caches; returns the reads left (0 when the attachment is not
     * hardware-nested); {@link #lookupPs()} then holds the latency of the probes.
     */
    int plan(int device, int pasid) {
        lookupPs = 0;
        IoasidView x = nestedChild(device, pasid);
        if (x == null) {
            return 0;
        }
        long gpa = x.boundRoot();
        int parent = x.parent().id();
        SetAssociativeCache ipaCache = caches.nestedTlb();
        if (ipaCache.enabled()) {
            lookupPs += ipaCache.config().latencyPs();
            if (ipaCache.lookup(parent, tag(gpa)) != SetAssociativeCache.MISS) {
                return 0;
            }
        }
        walker.stageTwo(x, gpa, trace);
        int n = trace.size();
        if (!caches.pwcEnabled(2)) {
            return n;
        }
        lookupPs += caches.pwcLatency(2);
        for (int j = n - 1; j >= 0; j--) {
            int level = trace.level(j);
            long pte = trace.pteValue(j);
            boolean pointer = level >= PagingStructureCache.MIN_LEVEL && Pte.isPresent(pte) && !Pte.isLeaf(pte, level);
            if (pointer && caches.pwc(2, level).cache().enabled()
                    && caches.pwc(2, level).lookup(parent, 2, level, gpa) != PagingStructureCache.MISS) {
                return n - 1 - j;
            }
        }
        return n;
    }

    /** The probe latency of the last {@link #plan}. */
    long lookupPs() {
        return lookupPs;
    }

    /** Address of the stage-2 read {@code k} before the end of the walk (the walk read now; counted). */
    long address(int device, int pasid, int k) {
        reads.increment();
        IoasidView x = nestedChild(device, pasid);
        if (x == null) {
            return ContextCache.TABLE_BASE; // detached meanwhile: the read still happens
        }
        walker.stageTwo(x, x.boundRoot(), trace);
        int n = trace.size();
        return n == 0 ? ContextCache.TABLE_BASE : trace.pteAddress(Math.max(0, n - 1 - k));
    }

    /** After the miss's reads: the IPA cache holds the CD page's translation (when stage 2 translates it). */
    void fill(int device, int pasid) {
        IoasidView x = nestedChild(device, pasid);
        if (x == null || !caches.nestedTlb().enabled()) {
            return;
        }
        long hpa = walker.stageTwo(x, x.boundRoot(), trace);
        if (hpa >= 0) {
            caches.nestedTlb().insert(x.parent().id(), tag(x.boundRoot()), hpa & Pte.ADDR_MASK);
        }
    }

    /**
     * Whether ({@code device}, {@code pasid})'s attachment uses a first-stage table: a PASID, or
     * a hardware-nested child (its guest table is a first-stage table).
     */
    boolean firstStage(int device, int pasid) {
        if (pasid > 0) {
            return true;
        }
        IoasidView x = controlPlane.attached(device, pasid);
        return x != null && x.walkShape() == WalkShape.NESTED;
    }

    private IoasidView nestedChild(int device, int pasid) {
        IoasidView x = controlPlane.attached(device, pasid);
        return x != null && x.walkShape() == WalkShape.NESTED && x.boundRoot() != -1L ? x : null;
    }

    private static long tag(long gpa) {
        return CD_TAG | (gpa >>> 12);
    }
}
