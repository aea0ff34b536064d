package org.iommusim.hw.ioasid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.iommusim.hw.pagetable.TableWork;

/**
 * Accumulates one operation's effects: the counts of {@link Effects}, its shadow syncs and its
 * invalidations. The control plane's allocation-free calls (those taking an {@code EffectsBuilder},
 * e.g. {@link ControlPlane#map(int, long, long, long, org.iommusim.hw.pagetable.Prot,
 * org.iommusim.hw.pagetable.PageSize, EffectsBuilder)}) clear it and fill it; a caller that runs
 * many operations keeps one and reads it after each call, before the next. The syncs are kept as
 * columns of numbers (no {@link ShadowSync} record per sync) with their sums; {@link #build} makes
 * the immutable {@link Effects} (records and lists copied out, so the builder may be reused).
 * The invalidations are records because the invalidation queue keeps them after the operation.
 */
public final class EffectsBuilder {
    /** Numbers per shadow sync in {@link #syncColumns}: the seven counts of {@link ShadowSync}. */
    private static final int SYNC_COUNTS = 7;

    final TableWork kernel = new TableWork();
    long leavesMapped;
    long bytesMapped;
    long leavesUnmapped;
    long bytesUnmapped;
    long userDescriptors;
    private int syncs;
    private int[] syncIoasid = new int[4];
    private ShadowSync.Cause[] syncCause = new ShadowSync.Cause[4];
    private long[] syncColumns = new long[4 * SYNC_COUNTS];
    private long guestPtesRead;
    private long shadowPtesWritten;
    private long rmapEntriesTouched;
    private final List<Invalidation> invalidations = new ArrayList<>();
    private final List<Invalidation> invalidationsView = Collections.unmodifiableList(invalidations);

    /** Empties the builder for the next operation (an owner keeps one as scratch); returns this. */
    public EffectsBuilder clear() {
        kernel.ptesRead = 0;
        kernel.ptesWritten = 0;
        kernel.tablesAllocated = 0;
        kernel.tablesFreed = 0;
        kernel.highestLevelFreed = 0;
        leavesMapped = 0;
        bytesMapped = 0;
        leavesUnmapped = 0;
        bytesUnmapped = 0;
        userDescriptors = 0;
        Arrays.fill(syncCause, 0, syncs, null);
        syncs = 0;
        guestPtesRead = 0;
        shadowPtesWritten = 0;
        rmapEntriesTouched = 0;
        invalidations.clear();
        return this;
    }

    /** Replaces the contents with {@code e}'s (an operation whose effects came as an {@link Effects}). */
    public EffectsBuilder set(Effects e) {
        clear();
        kernel.ptesRead = e.ptesRead();
        kernel.ptesWritten = e.ptesWritten();
        kernel.tablesAllocated = e.tablePagesAllocated();
        kernel.tablesFreed = e.tablePagesFreed();
        leavesMapped = e.leavesMapped();
        bytesMapped = e.bytesMapped();
        leavesUnmapped = e.leavesUnmapped();
        bytesUnmapped = e.bytesUnmapped();
        userDescriptors = e.userDescriptors();
        for (int i = 0; i < e.syncs().size(); i++) { // indexed: no iterator per operation
            ShadowSync s = e.syncs().get(i);
            sync(s.ioasid(), s.cause(), s.guestPtesRead(), s.shadowPtesWritten(), s.shadowTablesAllocated(),
                    s.shadowTablesFreed(), s.mirrorPtesWritten(), s.rmapLookups(), s.rmapEntriesTouched());
        }
        invalidations.addAll(e.invalidations());
        return this;
    }

    /** Records one shadow sync of IOASID {@code ioasid} (the counts of {@link ShadowSync}, in its order). */
    void sync(int ioasid, ShadowSync.Cause cause, long guestRead, long shadowWritten, long tablesAllocated,
              long tablesFreed, long mirrorWritten, long rmapLookups, long rmapTouched) {
        if (syncs == syncIoasid.length) {
            int n = syncs * 2;
            syncIoasid = Arrays.copyOf(syncIoasid, n);
            syncCause = Arrays.copyOf(syncCause, n);
            syncColumns = Arrays.copyOf(syncColumns, n * SYNC_COUNTS);
        }
        syncIoasid[syncs] = ioasid;
        syncCause[syncs] = cause;
        int c = syncs * SYNC_COUNTS;
        syncColumns[c] = guestRead;
        syncColumns[c + 1] = shadowWritten;
        syncColumns[c + 2] = tablesAllocated;
        syncColumns[c + 3] = tablesFreed;
        syncColumns[c + 4] = mirrorWritten;
        syncColumns[c + 5] = rmapLookups;
        syncColumns[c + 6] = rmapTouched;
        syncs++;
        guestPtesRead += guestRead;
        shadowPtesWritten += shadowWritten;
        rmapEntriesTouched += rmapTouched;
    }

    void invalidate(Invalidation inv) {
        invalidations.add(inv);
    }

    /** PTEs the kernel read in its own table ({@link Effects#ptesRead}). */
    public long ptesRead() {
        return kernel.ptesRead;
    }

    /** PTEs the kernel wrote in its own tables ({@link Effects#ptesWritten}). */
    public long ptesWritten() {
        return kernel.ptesWritten;
    }

    public long bytesMapped() {
        return bytesMapped;
    }

    public long bytesUnmapped() {
        return bytesUnmapped;
    }

    public long userDescriptors() {
        return userDescriptors;
    }

    /** Shadow syncs recorded. */
    public int syncCount() {
        return syncs;
    }

    /** Guest PTEs read over all syncs ({@link Effects#guestPtesRead}). */
    public long guestPtesRead() {
        return guestPtesRead;
    }

    /** Shadow PTEs written over all syncs ({@link Effects#shadowPtesWritten}). */
    public long shadowPtesWritten() {
        return shadowPtesWritten;
    }

    /** Reverse-map entries touched over all syncs ({@link Effects#rmapEntriesTouched}). */
    public long rmapEntriesTouched() {
        return rmapEntriesTouched;
    }

    /** The invalidations so far, in order: a read-only view, valid until the next {@link #clear}. */
    public List<Invalidation> invalidations() {
        return invalidationsView;
    }

    /** The effects as an immutable {@link Effects} (copied out: the builder may be reused). */
    public Effects build() {
        List<ShadowSync> s;
        if (syncs == 0) {
            s = List.of();
        } else {
            ShadowSync[] a = new ShadowSync[syncs];
            for (int i = 0; i < syncs; i++) {
                int c = i * SYNC_COUNTS;
                a[i] = new ShadowSync(syncIoasid[i], syncCause[i], syncColumns[c], syncColumns[c + 1],
                        syncColumns[c + 2], syncColumns[c + 3], syncColumns[c + 4], syncColumns[c + 5],
                        syncColumns[c + 6]);
            }
            s = List.of(a);
        }
        return new Effects(kernel.ptesRead, kernel.ptesWritten, kernel.tablesAllocated, kernel.tablesFreed,
                leavesMapped, bytesMapped, leavesUnmapped, bytesUnmapped, userDescriptors, s,
                immutable(invalidations));
    }

    /** The list as an immutable one (what {@link Effects} keeps) without copying through an array when it is short. */
    private static <T> List<T> immutable(List<T> list) {
        switch (list.size()) {
            case 0:
                return List.of();
            case 1:
                return List.of(list.get(0));
            case 2:
                return List.of(list.get(0), list.get(1));
            default:
                return List.copyOf(list);
        }
    }
}
