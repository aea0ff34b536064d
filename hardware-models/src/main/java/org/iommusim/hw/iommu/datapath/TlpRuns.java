package org.iommusim.hw.iommu.datapath;

import org.iommusim.hw.cache.Iotlb;
import org.iommusim.hw.pagetable.Access;

/**
 * Runs of TLPs: consecutive request TLPs of one DMA within one 4 KiB page that reach the IOMMU at
 * one instant ({@link TimedIommu#translateRun}) travel as ONE {@link TranslationProcess} carrying
 * their count, wherever the hardware's handling of them one by one is provably the same; anywhere
 * else the run goes on TLP by TLP. What the hardware does is unchanged: every TLP is admitted,
 * looked up, counted and handed back; the simulator only stops repeating identical work.
 *
 * <p>The first TLP of a run always takes the one-TLP path ({@link TranslationProcess#admitted}).
 * Only if it was answered at once — a pass-through, TBU micro-TLB or IOTLB hit, with its device's
 * lookup not stalled behind it — do the others join it: TLP by TLP they would find the same
 * context entry and the same cache entry (nothing changes a cache between them: a hit's
 * completion is an event of its own), their hits would complete at the same instant with
 * consecutive order keys (nothing else is scheduled between them), and their completions would
 * release and admit, and hand back, with nothing between them that another request could see.
 * So they add their counts to the statistics (a histogram records a value n times, a cache counts
 * n hits and its policy sees n hits in a row, which leaves LRU and tree-PLRU as one hit does), the
 * stale-use oracle judges each TLP's address when removals are pending, and the run takes one
 * kernel order key and one completion. An IOTLB hit that fills the TBU micro-TLB on completion
 * (each TLP would fill it again) does not join; nor does a fault or wait.
 *
 * <p>A run whose first TLP's IOTLB lookup finds no entry (context found or not cached, no TBU
 * micro-TLB, not stalled, no out-of-order reorder window) <em>misses with it</em>: TLP by TLP the others would find the same
 * context entry, miss the same way (a miss shows the replacement policy nothing) and have their
 * misses found at the same instant with consecutive order keys right after the first's, so they
 * are taken in and counted with it and the run keeps one miss event ({@link #missWith}). When it
 * fires the run joins its page's walk in flight as one (counted as its TLPs' joins); with no walk
 * in flight its TLPs miss one by one until one starts a walk, which the rest then joins
 * ({@link TranslationProcess#missed}). When the walk ends the run completes as one — frees its
 * slots, admits the waiters they let in, then hands its TLPs back with one latency (they arrived
 * together) — or, if the walk's result does not serve it, walks again or faults TLP by TLP.
 *
 * <p>A TLP that arrives on its own right behind its DMA's run waiting in admission (a write's TLPs
 * cross the link one by one) joins that run ({@link WaitingRuns}): admission counts and numbers it as
 * if it waited alone, and the run keeps each TLP's arrival and number ({@link
 * TranslationRequest#spread}), so waits, latencies and the order across devices stay per TLP.
 * Wherever a spread run goes on TLP by TLP, its first TLP alone is no longer spread: it has one
 * arrival, and it is handed back on its own, translated or not.
 *
 * <p>Admission treats a run as its count of TLPs with consecutive numbers ({@link Admission}):
 * the TLPs that fit are taken, the rest wait as a run and are split when fewer fit later. In the
 * reorder buffer a run's seat stands for its TLPs' places ({@link DevicePipelines}). Runs are not
 * used for a device with an ATC (its lookups there are per TLP). {@code -Diommusim.tlpRuns=false} sends every TLP alone (for checks:
 * the results must be byte-identical).
 */
final class TlpRuns {
    private final IommuUnits u;
    private final boolean enabled;
    /** TLPs that joined the first of their run (observation, not a statistic of the model). */
    private long joined;
    /** TLPs that missed with the first of their run (observation). */
    private long missedWithFirst;
    /** Requests that completed together at their walk's end (observation). */
    private long servedTogether;

    TlpRuns(IommuUnits units) {
        this.u = units;
        this.enabled = !"false".equals(System.getProperty("iommusim.tlpRuns"));
    }

    /** TLPs that joined the first TLP of their run so far. */
    long joined() {
        return joined;
    }

    /** TLPs that missed the IOTLB as a run right behind their run's first TLP so far. */
    long missedWithFirst() {
        return missedWithFirst;
    }

    /** Requests that completed together with the others their walk served ({@link ServedTogether}), so far. */
    long servedTogether() {
        return servedTogether;
    }

    /** {@code n} requests a walk served completed together. */
    void servedTogether(int n) {
        servedTogether += n;
    }

    /** True if {@code device}'s TLPs may travel as runs. */
    boolean allowed(int device) {
        return enabled && !u.atcs.enabled(device);
    }

    /**
     * {@code n} TLPs of {@code unit} bytes arrive now, the first at {@code addr}, tagged from
     * {@code firstTag} on: the first as one TLP, the rest join it, wait behind it as a run, or
     * arrive one by one.
     */
    void arrive(int dev, int pas, long addr, int unit, int n, Access acc, long firstTag, RunCallback cb) {
        TranslationProcess p = u.take();
        p.begin(dev, pas, addr, acc, firstTag, cb);
        p.unit = unit;
        u.oracle.requestArrived(p.id);
        u.pipelines.enter(p);
        int gen = p.generation;
        if (!u.admission.arrive(p.ticket)) {
            u.admission.arriveMore(p.ticket, n - 1, false); // none fits: the others wait with it
            return;
        }
        p.admitted();
        boolean joins = joinable(p, gen);
        if (!joins && !missJoinable(p, gen)) {
            for (int m = 1; m < n; m++) {
                u.take().arrive(dev, pas, TranslationRequest.memberAddress(addr, unit, m), acc, firstTag + m, cb);
            }
            return;
        }
        int k = u.admission.arriveMore(p.ticket, n - 1, true);
        follow(p, joins, 1, k);
        if (k + 1 < n) {
            TranslationProcess q = u.take();
            q.begin(dev, pas, TranslationRequest.memberAddress(addr, unit, k + 1), acc, firstTag + k + 1, cb);
            q.unit = unit;
            q.count = n - k - 1;
            u.oracle.requestArrived(q.id);
            u.pipelines.enter(q);
            if (u.admission.arrive(q.ticket)) {
                throw new IllegalStateException("admission had no room left for the run");
            }
        }
    }

    /** Run {@code p}, holding a slot per TLP now: its first TLP goes on alone, the others join it or follow as a run. */
    void admitted(TranslationProcess p) {
        int c = p.count;
        TranslationProcess rest = part(p, 1, c - 1); // p may be handed back before it is known whether the rest joins
        u.pipelines.splitSeat(p, rest, false);
        boolean spread = p.spread;
        p.count = 1;
        p.spread = false; // its first TLP alone has one arrival (handed back on its own if the rest does not join)
        int gen = p.generation;
        p.admitted();
        boolean joins = joinable(p, gen);
        if (joins || missJoinable(p, gen)) {
            u.pipelines.dropSeat(rest);
            u.recycle(rest);
            p.count = c;
            p.spread = spread;
            follow(p, joins, 1, c - 1);
            return;
        }
        rest.admitted();
    }

    /**
     * Splits the first {@code k} TLPs off waiting run {@code w} into a run of their own (returned;
     * {@code w} keeps the rest), for an admission that has room for only {@code k}.
     */
    static TranslationProcess splitOff(TranslationProcess w, int k) {
        TranslationProcess p = w.u.runs.part(w, 0, k);
        w.u.pipelines.splitSeat(w, p, true);
        w.iova = w.memberAddress(k);
        w.tag += k;
        w.dropFirstMembers(k);
        w.count -= k;
        return p;
    }

    /** A new process for TLPs {@code from} to {@code from + k - 1} of run {@code w}: same arrival, nothing found yet. */
    private TranslationProcess part(TranslationProcess w, int from, int k) {
        TranslationProcess p = u.take();
        p.begin(w.device, w.pasid, w.memberAddress(from), w.access, w.tag + from, w.callback);
        p.unit = w.unit;
        p.count = k;
        p.arrival = w.arrivalOf(from);
        if (w.spread && k > 1) {
            p.ensureMembers(k);
            System.arraycopy(w.memberArrival, from, p.memberArrival, 0, k);
            System.arraycopy(w.memberNumber, from, p.memberNumber, 0, k);
            p.spread = true;
        }
        u.oracle.requestArrived(p.id, u.oracle.arrivalEpoch(w.id));
        return p;
    }

    /** Whether the others of {@code p}'s run can join its first TLP, which was just admitted as generation {@code gen}. */
    private boolean joinable(TranslationProcess p, int gen) {
        return p.generation == gen && p.hitKind != TranslationRequest.NO_HIT
                && !(p.hitKind == TranslationRequest.IOTLB_HIT && p.usesMicroTlb()) && !u.pipelines.stalled(p);
    }

    /**
     * Whether the others of {@code p}'s run can miss with its first TLP, just admitted as generation
     * {@code gen}, whose lookup found no IOTLB entry ({@link TranslationRequest#missDelay}). Not
     * where the device hands back out of order within a reorder window: a run that waits for its
     * walk holds one reorder-buffer seat where its TLPs would hold one each, and the window counts
     * seats (TlpRunsTest found such runs handed back in another order than TLP by TLP).
     */
    private boolean missJoinable(TranslationProcess p, int gen) {
        return p.generation == gen && p.missDelay >= 0 && !u.pipelines.stalled(p) && !u.pipelines.windowCountsSeats();
    }

    /**
     * TLPs {@code first} to {@code first + k - 1} of {@code p}'s run, admitted right after its first,
     * go as it went: they hit as it did if {@code hit} ({@link #joinable}), else miss with it
     * ({@link #missJoinable}; the two exclude each other: a hit leaves no miss delay).
     */
    private void follow(TranslationProcess p, boolean hit, int first, int k) {
        if (hit) {
            join(p, first, k);
        } else {
            missWith(p, first, k);
        }
    }

    /**
     * TLPs {@code first} to {@code first + k - 1} of {@code p}'s run, admitted right after its first,
     * missed as it did: taken in, the context found again, the IOTLB missed {@code k} more times;
     * their miss is found with the first's ({@link TranslationProcess#missed}).
     */
    private void missWith(TranslationProcess p, int first, int k) {
        if (k == 0) {
            return;
        }
        missedWithFirst += k;
        takeIn(p, first, k);
        u.caches.iotlb().missAgain(k);
    }

    /** TLPs {@code first} to {@code first + k - 1} of {@code p}'s run taken in with it: accepted, their context found again. */
    private void takeIn(TranslationProcess p, int first, int k) {
        ((RunCallback) p.callback).acceptedRun(p.tag + first, k);
        if (u.context.enabled()) {
            u.context.hitAgain(p.device, p.pasid, k);
        }
    }

    /** TLPs {@code first} to {@code first + k - 1} of {@code p}'s run, admitted right after its first, hit as it did. */
    private void join(TranslationProcess p, int first, int k) {
        if (k == 0) {
            return;
        }
        joined += k;
        takeIn(p, first, k);
        if (p.hitKind == TranslationRequest.IOTLB_HIT) {
            Iotlb iotlb = u.caches.iotlb();
            iotlb.hitAgain(p.hitSlot, k);
            if (u.oracle.judgesHits()) {
                long size = iotlb.pageSize(p.hitSlot);
                for (int m = first; m < first + k; m++) {
                    u.oracle.iotlbHitAgain(p.id, p.domain, p.memberAddress(m), p.hitSlot, size);
                }
            }
            u.stats.iotlbServed.add(k);
        } else if (p.hitKind == TranslationRequest.MICRO_TLB_HIT) {
            Iotlb micro = u.caches.microTlbs().of(p.device);
            micro.hitAgain(p.hitSlot, k);
            if (u.oracle.judgesHits()) {
                long size = micro.pageSize(p.hitSlot);
                for (int m = first; m < first + k; m++) {
                    u.oracle.atcHitAgain(p.id, p.device, p.memberAddress(m), p.hitSlot, size);
                }
            }
        }
    }
}
