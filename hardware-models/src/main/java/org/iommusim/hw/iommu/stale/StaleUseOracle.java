package org.iommusim.hw.iommu.stale;

import java.util.Arrays;
import org.iommusim.core.stats.Counter;
import org.iommusim.hw.cache.PagingStructureCache;
import org.iommusim.hw.cache.SetAssociativeCache;
import org.iommusim.hw.functional.TableKind;
import org.iommusim.hw.functional.WalkTrace;

/**
 * Counts stale uses by watching the data path, which itself carries no stale-use state: the
 * caches tell it which slots they fill and empty ({@link #watch}), the translation process and
 * the walk tell it when a request arrives, what it hit, which walk served it, and when a walk
 * starts, which cache entries its plan used and how it ended. From those hooks it keeps, beside
 * each cached entry, the epoch of the table read that filled it and the GPA its translation went
 * through ({@link EntryStamps}), per walk its epoch and the entries it used
 * ({@link WalkStaleness}), per request its arrival epoch and verdict; the removals themselves are
 * the {@link StaleUseTracker}'s ({@link #removals()}, fed by the invalidation side).
 *
 * <p>A request is a stale use when the entry that served it — an IOTLB or device-ATC hit, or
 * the walk that served it through a walk-cache, nested-TLB or unsynced shadow entry — was made
 * stale by a removal made no later than the request arrived (see {@link StaleUseTracker} for
 * what counts). Requests and walks are named by small numbers (their pool index); the records
 * grow with the pools and allocate nothing in steady state.
 *
 * <p>Models nothing of the hardware: the IOMMU cannot know any of this; the simulator does.
 */
public final class StaleUseOracle {
    private final StaleUseTracker removals = new StaleUseTracker();
    private final Counter staleUses;
    private final FillSource source = new FillSource();
    private final WalkStaleness walks = new WalkStaleness();
    private final EntryStamps[][] pwc = new EntryStamps[3][PagingStructureCache.MAX_LEVEL + 1];
    private EntryStamps iotlb;
    private EntryStamps nestedTlb;
    private EntryStamps[] atcs = new EntryStamps[0];
    private long[] arrival = new long[0];
    private long[] stamp = new long[0];
    private long[] gpa = new long[0];
    /** Per request: how many of its TLPs are stale uses (0 or 1, up to its run's length for a run). */
    private int[] stale = new int[0];

    /** Counts each stale use into {@code staleUses} when its request is delivered. */
    public StaleUseOracle(Counter staleUses) {
        this.staleUses = staleUses;
    }

    /** The pending removals (recorded and pruned by the invalidation side). */
    public StaleUseTracker removals() {
        return removals;
    }

    /** Which cache a {@link #watch} call attaches to. */
    public enum Structure { IOTLB, NESTED_TLB, WALK_CACHE, ATC }

    /**
     * Watches {@code cache}'s slots: the IOTLB, the nested TLB, the walk cache of
     * ({@code stage}, {@code level}), or device {@code index}'s ATC ({@code index} is the stage
     * for a walk cache, the device for an ATC, ignored otherwise).
     */
    public void watch(Structure structure, int index, int level, SetAssociativeCache cache) {
        EntryStamps s = new EntryStamps(source, cache.enabled() ? cache.config().entries() : 0);
        cache.setSlotListener(s);
        switch (structure) {
            case IOTLB -> iotlb = s;
            case NESTED_TLB -> nestedTlb = s;
            case WALK_CACHE -> pwc[index][level] = s;
            case ATC -> {
                if (index >= atcs.length) {
                    atcs = Arrays.copyOf(atcs, index + 1);
                }
                atcs[index] = s;
            }
        }
    }

    // ---- requests ------------------------------------------------------------------------------

    /** Request {@code req} arrived now: removals made up to now happened before it was requested. */
    public void requestArrived(int req) {
        if (req >= arrival.length) {
            int n = Math.max(req + 1, arrival.length * 2);
            arrival = Arrays.copyOf(arrival, n);
            stamp = Arrays.copyOf(stamp, n);
            gpa = Arrays.copyOf(gpa, n);
            stale = Arrays.copyOf(stale, n);
        }
        arrival[req] = removals.epoch();
        stamp[req] = 0;
        gpa[req] = StaleUseTracker.NO_GPA;
        stale[req] = 0;
    }

    /** The removals' epoch now: a request arriving now would get it ({@link #requestArrived(int)}). */
    public long epochNow() {
        return removals.epoch();
    }

    /** When request {@code req} arrived, in the removals' epochs (for {@link #requestArrived(int, long)}). */
    public long arrivalEpoch(int req) {
        return arrival[req];
    }

    /**
     * Request {@code req} carries TLPs that arrived at {@code epoch} ({@link #arrivalEpoch}) with
     * another request's (part of a run of TLPs, split later): nothing found yet.
     */
    public void requestArrived(int req, long epoch) {
        requestArrived(req);
        arrival[req] = epoch;
    }

    /** {@code req} hit the IOTLB entry in {@code slot} ({@code size} bytes) of {@code dom} for {@code addr}. */
    public void iotlbHit(int req, int dom, long addr, int slot, long size) {
        stamp[req] = iotlb.stamp(slot);
        gpa[req] = iotlb.gpaAt(slot, size, addr);
        stale[req] = removals.anyPending()
                && removals.staleSince(dom, addr, gpa[req], stamp[req], false) <= arrival[req] ? 1 : 0;
    }

    /** True when a cached entry can be stale now (some removal is pending): only then do further hits need judging. */
    public boolean judgesHits() {
        return removals.anyPending();
    }

    /**
     * One more TLP of request {@code req}'s run, at {@code addr}, hit the same IOTLB entry in
     * {@code slot} as {@link #iotlbHit} did: counted with the run if it is a stale use.
     */
    public void iotlbHitAgain(int req, int dom, long addr, int slot, long size) {
        if (removals.anyPending() && removals.staleSince(dom, addr, iotlb.gpaAt(slot, size, addr), iotlb.stamp(slot),
                false) <= arrival[req]) {
            stale[req]++;
        }
    }

    /** As {@link #iotlbHitAgain}, for a hit of {@code device}'s ATC or TBU micro-TLB ({@link #atcHit}). */
    public void atcHitAgain(int req, int device, long addr, int slot, long size) {
        EntryStamps atc = atcs[device];
        if (removals.anyPending() && removals.staleSince(atc.domain(slot), addr, atc.gpaAt(slot, size, addr),
                atc.stamp(slot), false) <= arrival[req]) {
            stale[req]++;
        }
    }

    /** {@code req} hit the entry in {@code slot} ({@code size} bytes) of {@code device}'s ATC for {@code addr}. */
    public void atcHit(int req, int device, long addr, int slot, long size) {
        EntryStamps atc = atcs[device];
        stale[req] = removals.anyPending() && removals.staleSince(atc.domain(slot), addr,
                atc.gpaAt(slot, size, addr), atc.stamp(slot), false) <= arrival[req] ? 1 : 0;
    }

    /** Walk {@code walk}, now ended ({@link #walkEnded}), gave {@code req} its translation of {@code addr}. */
    public void servedByWalk(int req, int walk, long addr) {
        servedByWalk(req, walk, addr, 1);
    }

    /**
     * As {@link #servedByWalk(int, int, long)} for request {@code req} carrying a run of {@code tlps}
     * TLPs of one page that arrived together (its first at {@code addr}): each is a stale use if the
     * walk's translation was, so the run counts {@code tlps} or none.
     */
    public void servedByWalk(int req, int walk, long addr, int tlps) {
        long g = walks.gpa[walk];
        stale[req] = walks.since[walk] <= arrival[req] ? tlps : 0;
        stamp[req] = walks.epoch[walk];
        gpa[req] = g == StaleUseTracker.NO_GPA ? g : (g & ~0xFFFL) | (addr & 0xFFFL);
    }

    /** The next fills (a device ATC's) cache the translation {@code req} received, translated in {@code dom}. */
    public void fillFromRequest(int req, int dom) {
        source.set(stamp[req], gpa[req], dom);
    }

    /** {@code req} is handed back: counted if it was a stale use (each TLP of a run that was). */
    public void delivered(int req) {
        if (stale[req] != 0) {
            staleUses.add(stale[req]);
        }
    }

    /** True if {@code req}'s translation so far is a stale use. */
    public boolean staleUse(int req) {
        return stale[req] != 0;
    }

    // ---- walks ---------------------------------------------------------------------------------

    /** Walk {@code walk} reads the tables now. */
    public void walkStarted(int walk) {
        walks.start(walk, removals.epoch());
    }

    /**
     * {@code walk}'s plan uses the stage-1 walk-cache entry in {@code slot} of ({@code dom},
     * {@code level}) for {@code addr}, pointing to a guest table at {@code tableGpa} (hardware-nested
     * child) or not ({@link StaleUseTracker#NO_GPA}); judged when the walk ends.
     */
    public void stageOneWalkCacheHit(int walk, int dom, int level, long addr, int slot, long tableGpa) {
        walks.pwcStamp[walk] = pwc[1][level].stamp(slot);
        walks.pwcDomain[walk] = dom;
        walks.pwcLevel[walk] = level;
        walks.pwcRegion[walk] = PagingStructureCache.prefix(addr, level);
        walks.pwcTableGpa[walk] = tableGpa;
    }

    /** {@code walk}'s plan uses the nested-TLB entry in {@code slot}: parent {@code pdom}'s translation of {@code tableGpa}. */
    public void nestedTlbHit(int walk, int pdom, long tableGpa, int slot) {
        if (removals.anyPending()) {
            walks.stageTwoSince[walk] = Math.min(walks.stageTwoSince[walk], removals.staleSince(pdom, tableGpa,
                    StaleUseTracker.NO_GPA, nestedTlb.stamp(slot), false));
        }
    }

    /** {@code walk}'s plan uses the stage-2 walk-cache entry in {@code slot} of ({@code pdom}, {@code level}) for {@code gpa}. */
    public void stageTwoWalkCacheHit(int walk, int pdom, int level, long gpaIn, int slot) {
        if (removals.anyPending()) {
            walks.stageTwoSince[walk] = Math.min(walks.stageTwoSince[walk], removals.staleWalkCacheEntrySince(
                    pdom, level, PagingStructureCache.prefix(gpaIn, level), StaleUseTracker.NO_GPA,
                    pwc[2][level].stamp(slot)));
        }
    }

    /**
     * {@code walk} ended ({@code ok}: it translated) with {@code trace}: since when its result is
     * stale (a stage-2 structure, the stage-1 walk-cache entry it used, or a shadow leaf its guest
     * changed) and the GPA of its stage-1 output are fixed now.
     */
    public void walkEnded(int walk, boolean ok, WalkTrace trace) {
        long since = walks.stageTwoSince[walk];
        if (walks.pwcStamp[walk] != WalkStaleness.NO_STAMP && removals.anyPending()) {
            since = Math.min(since, removals.staleWalkCacheEntrySince(walks.pwcDomain[walk], walks.pwcLevel[walk],
                    walks.pwcRegion[walk], walks.pwcTableGpa[walk], walks.pwcStamp[walk]));
        }
        if (ok && removals.anyUnsynced()) {
            since = Math.min(since, staleShadowSince(trace));
        }
        walks.since[walk] = since;
        int n = trace.size();
        walks.gpa[walk] = ok && n > trace.attemptStart() && trace.stage(n - 1) == 2 ? trace.input(n - 1)
                : StaleUseTracker.NO_GPA;
    }

    /** The next fills (the caches after a walk) cache what ended walk {@code walk} read. */
    public void fillFromWalk(int walk) {
        source.set(walks.epoch[walk], walks.gpa[walk], -1);
    }

    /** The shadow is a cache too: since when a shadow leaf the walk read holds a guest entry the guest changed. */
    private long staleShadowSince(WalkTrace t) {
        long since = StaleUseTracker.NEVER;
        for (int i = t.attemptStart(); i < t.size(); i++) {
            boolean leaf = i + 1 == t.size() || t.stage(i + 1) != t.stage(i) || t.ioasid(i + 1) != t.ioasid(i);
            if (leaf && t.kind(i) == TableKind.SHADOW) {
                since = Math.min(since, removals.unsyncedSince(t.ioasid(i), t.input(i)));
            }
        }
        return since;
    }
}
