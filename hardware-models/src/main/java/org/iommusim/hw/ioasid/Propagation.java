package org.iommusim.hw.ioasid;

import org.iommusim.hw.pagetable.RangeSplitter;
import org.iommusim.hw.shadow.ChangeSet;
import org.iommusim.hw.shadow.RangeList;
import org.iommusim.hw.shadow.SyncWork;

/**
 * Carries a change of one IOASID's translation down the tree. A software-nested child
 * re-derives the shadow entries its reverse map ties to the changed range (which may change
 * its own translation, carried further down); a hardware-nested child needs no table work,
 * but when present entries were removed or replaced its cached combined translations must
 * go (scope ALL: the IOMMU cannot tell which IOVAs used the changed GPAs). Additions need no
 * invalidation: caches never hold non-present entries.
 */
final class Propagation {
    private final ControlPlaneConfig config;

    Propagation(ControlPlaneConfig config) {
        this.config = config;
    }

    /** The translation of {@code x} (over its input space) changed as {@code changes} says. */
    void afterChange(Ioasid x, ChangeSet changes, EffectsBuilder eb) {
        if (changes.isEmpty()) {
            return;
        }
        RangeList ranges = changes.allRanges();
        for (Ioasid c : x.children) {
            if (c.nesting == Nesting.SOFTWARE) {
                SyncWork w = new SyncWork();
                ChangeSet cc = new ChangeSet();
                for (int i = 0; i < ranges.size(); i++) {
                    c.shadow.parentChanged(ranges.start(i), ranges.end(i), w, cc);
                }
                shadowChanged(c, ShadowSync.Cause.PARENT_CHANGE, w, cc, eb);
            } else if (changes.hasRemovals()) {
                eb.invalidate(new Invalidation(c.id, Invalidation.Scope.ALL, 0, 0, -1, false, 1,
                        Invalidation.Cause.PARENT_CHANGE));
            }
        }
    }

    /** The shadow of {@code x} was synchronised: record the work, invalidate what went, propagate. */
    void shadowChanged(Ioasid x, ShadowSync.Cause cause, SyncWork w, ChangeSet cc, EffectsBuilder eb) {
        if (w.isEmpty() && cc.isEmpty()) {
            return;
        }
        ShadowSync s = new ShadowSync(x.id, cause, w.guestPtesRead, w.shadow.ptesWritten, w.shadow.tablesAllocated,
                w.shadow.tablesFreed, w.mirror.ptesWritten, w.rmapLookups, w.rmapEntriesTouched);
        eb.sync(s);
        x.counters.add(s);
        RangeList removed = cc.removedRanges();
        for (int i = 0; i < removed.size(); i++) {
            invalidateRange(x, removed.start(i), removed.end(i), cc.freedLevel(),
                    Invalidation.Cause.SHADOW_UPDATE, eb);
        }
        afterChange(x, cc, eb);
    }

    /** A RANGE invalidation of {@code [start, end)}; leaf-only unless tables up to {@code freedLevel} were freed. */
    void invalidateRange(Ioasid x, long start, long end, int freedLevel, Invalidation.Cause cause,
                         EffectsBuilder eb) {
        eb.invalidate(new Invalidation(x.id, Invalidation.Scope.RANGE, start, end - start, -1, freedLevel == 0,
                RangeSplitter.descriptors(start, end, config.descriptorPages()), cause, freedLevel));
    }
}
