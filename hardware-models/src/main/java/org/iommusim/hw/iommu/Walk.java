package org.iommusim.hw.iommu;

import java.util.Arrays;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.resource.Client;
import org.iommusim.hw.memtiming.ReadCallback;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.functional.Translation;
import org.iommusim.hw.functional.WalkTrace;

/**
 * One page walk in flight, pooled and reused (no allocation per walk in steady state). It waits
 * for a walker slot ({@link Client}), runs the functional translation to get the trace and the
 * result, then replays the reads as a chain of continuation steps (it is its own reusable
 * event): charge the cache latencies planned before a read, issue the read to the
 * {@link PteMemory}, continue when the data is back, and after the last read hand itself back to
 * the {@link PageWalker}. Requests that missed on the same page while it runs wait on it
 * ({@link #joiners}).
 *
 * <p>Models the walker's sequential dependence (each read needs the previous one's data), the
 * walkers' read port ({@link PageWalker#read}: a limited number of PTE reads outstanding) and the
 * fill path (after its last read a walk holds its walker slot while it waits for and uses the
 * one fill port, {@link PipelineConfig#fillPs}); does not model parallel stage-2 prefetch or
 * speculative reads.
 */
final class Walk extends Event implements Client, ReadCallback {
    static final long NO_STAMP = Long.MAX_VALUE;

    private enum Step { WAIT_SLOT, DELAY, READ, FINISH, FILL_WAIT, FILL }

    private final PageWalker iommu;
    final WalkTrace trace = new WalkTrace();
    final Translation out = new Translation();
    boolean[] skip = new boolean[64];
    long[] pre = new long[64];
    long tail;

    // What is walked.
    int device;
    int pasid;
    long iova;
    Access access;
    int domain;
    // Bookkeeping.
    long epoch;
    long applyCount;
    long pwcStamp;
    /** GPA of the guest table the stage-1 walk-cache hit points to, or {@link StaleUseTracker#NO_GPA}. */
    long pwcTableGpa;
    /**
     * The removal epoch since which a nested-TLB or stage-2 walk-cache hit of the plan is stale
     * (checked when planned; {@link StaleUseTracker#NEVER}: none was).
     */
    long staleStageTwoSince;
    int pwcDomain;
    long pwcRegion;
    int pwcLevel;
    int slot;
    int fillSlot;
    long granted;
    /** The PTE address of the read this walk is issuing or waiting to issue. */
    long readAddress;
    Walk nextReader;
    int memoryReads;
    Request first;
    Request joiners;
    Request lastJoiner;
    Walk nextFree;
    Walk nextActive;
    private int cursor;
    private Step step;

    Walk(PageWalker iommu) {
        this.iommu = iommu;
    }

    void ensureCapacity(int n) {
        if (skip.length < n) {
            skip = Arrays.copyOf(skip, Math.max(n, skip.length * 2));
            pre = Arrays.copyOf(pre, skip.length);
        }
    }

    void reset(Request owner) {
        device = owner.device;
        pasid = owner.pasid;
        iova = owner.iova;
        access = owner.access;
        domain = owner.domain;
        first = owner;
        joiners = null;
        lastJoiner = null;
        memoryReads = 0;
        cursor = 0;
        step = Step.WAIT_SLOT;
        nextActive = null;
    }

    /** Adds {@code r} to the requests waiting on this walk, in arrival order. */
    void join(Request r) {
        if (lastJoiner == null) {
            joiners = r;
        } else {
            lastJoiner.nextJoiner = r;
        }
        lastJoiner = r;
    }

    /** True if a miss of ({@code dom}, {@code pas}, {@code addr}) may join this walk: same 4 KiB page. */
    boolean sameWalk(int dom, int pas, long addr) {
        return dom == domain && pas == pasid && (addr >>> 12) == (iova >>> 12);
    }

    @Override
    public void granted(int walkerSlot, long waitedPs) {
        if (step == Step.FILL_WAIT) {
            fillSlot = walkerSlot;
            step = Step.FILL;
            iommu.sim().schedule(this, iommu.fillPs());
            return;
        }
        slot = walkerSlot;
        granted = iommu.sim().now();
        iommu.startWalk(this);
        advance();
    }

    /** Replays from the cursor until a read or a delay is outstanding, or the walk is over. */
    private void advance() {
        long delay = 0;
        int n = trace.size();
        while (cursor < n) {
            delay += pre[cursor];
            if (!skip[cursor]) {
                if (delay > 0) {
                    step = Step.DELAY;
                    iommu.sim().schedule(this, delay);
                } else {
                    issueRead();
                }
                return;
            }
            cursor++;
        }
        delay += tail;
        if (delay > 0) {
            step = Step.FINISH;
            iommu.sim().schedule(this, delay);
        } else {
            end();
        }
    }

    /** The reads are done: through the fill path (if it has a time) to the walk's end. */
    private void end() {
        if (iommu.fillPs() > 0) {
            step = Step.FILL_WAIT;
            iommu.fillPort().request(this);
        } else {
            iommu.walkDone(this);
        }
    }

    private void issueRead() {
        step = Step.READ;
        iommu.countRead(trace.stage(cursor), trace.level(cursor));
        memoryReads++;
        readAddress = trace.pteAddress(cursor);
        iommu.read(this);
    }

    @Override
    public void readComplete(long address, long completionPs, long latencyPs) {
        iommu.readReturned();
        cursor++;
        advance();
    }

    @Override
    public void fire() {
        switch (step) {
            case DELAY -> issueRead();
            case FINISH -> end();
            case FILL -> {
                iommu.fillPort().release(fillSlot);
                iommu.walkDone(this);
            }
            default -> throw new IllegalStateException("walk event fired in step " + step);
        }
    }
}
