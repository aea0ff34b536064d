package org.iommusim.hw.ioasid;

import org.iommusim.hw.pagetable.RangeSplitter;
import org.iommusim.hw.shadow.ChangeSet;
import org.iommusim.hw.shadow.RangeList;
import org.iommusim.hw.shadow.SyncWork;

/**
 * Carries a change of one IOASID's translation down the tree: each child's nesting strategy
 * decides what its host side does ({@code NestedTables.parentChanged}: a shadow re-derives
 * the entries its reverse map ties to the changed range, which may change its own
 * translation, carried further down; a hardware-nested child's cached combined translations
 * go when present entries were removed). Records shadow syncs and the range invalidations
 * they and the kernel's own edits need, and the reverse maps' new footprint.
 */
final class Propagation {
    private final ControlPlaneConfig config;
    private final RmapFootprint footprint;
    /** The range invalidations made so far, handed out again when an operation needs the same one. */
    private final RangeInvalidationMemo ranges = new RangeInvalidationMemo();

    Propagation(ControlPlaneConfig config, RmapFootprint footprint) {
        this.config = config;
        this.footprint = footprint;
    }

    /** The translation of {@code x} (over its input space) changed as {@code changes} says. */
    void afterChange(Ioasid x, ChangeSet changes, EffectsBuilder eb) {
        if (changes.isEmpty()) {
            return;
        }
        for (int i = 0; i < x.children.size(); i++) { // indexed: no iterator per operation
            Ioasid c = x.children.get(i);
            c.nested.parentChanged(changes, host(c, eb, ShadowSync.Cause.PARENT_CHANGE, Invalidation.Cause.PARENT_CHANGE));
        }
    }

    /** The shadow of {@code x} was synchronised: record the work, invalidate what went, propagate. */
    void shadowChanged(Ioasid x, ShadowSync.Cause cause, SyncWork w, ChangeSet cc, EffectsBuilder eb) {
        if (w.isEmpty() && cc.isEmpty()) {
            return;
        }
        eb.sync(x.id, cause, w.guestPtesRead, w.shadow.ptesWritten, w.shadow.tablesAllocated,
                w.shadow.tablesFreed, w.mirror.ptesWritten, w.rmapLookups, w.rmapEntriesTouched);
        x.counters.sync(w.guestPtesRead, w.shadow.ptesWritten, w.rmapLookups, w.rmapEntriesTouched);
        footprint.update(x);
        RangeList removed = cc.removedRanges();
        for (int i = 0; i < removed.size(); i++) {
            invalidateRange(x, removed.start(i), removed.end(i), cc.freedLevel(),
                    Invalidation.Cause.SHADOW_UPDATE, eb);
        }
        afterChange(x, cc, eb);
    }

    /** The host side of an operation with these causes on {@code x}, for its nesting hooks. */
    OpHost host(Ioasid x, EffectsBuilder eb, ShadowSync.Cause syncCause, Invalidation.Cause invalidationCause) {
        return x.host.set(this, eb, syncCause, invalidationCause, null);
    }

    /** A RANGE invalidation of {@code [start, end)}; leaf-only unless tables up to {@code freedLevel} were freed. */
    void invalidateRange(Ioasid x, long start, long end, int freedLevel, Invalidation.Cause cause,
                         EffectsBuilder eb) {
        eb.invalidate(ranges.range(x.id, start, end - start, freedLevel == 0,
                RangeSplitter.descriptors(start, end, config.descriptorPages()), cause, freedLevel));
    }
}
