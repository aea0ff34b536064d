package org.iommusim.hw.shadow;

/**
 * The ranges of one table's input space whose translation changed during one operation:
 * ranges that gained entries (no cache invalidation needed) and ranges whose present entries
 * were removed or replaced (caches must drop them), plus whether table pages were freed
 * (then paging-structure caches must drop too, so an invalidation is not leaf-only) and the
 * highest level freed (walk-cache entries above it still point to live tables). Reusable
 * ({@link #clear()}): an owner keeps one as the scratch of its operations, and nothing here
 * allocates once the range columns have grown to the largest operation's.
 */
public final class ChangeSet {
    private final RangeList added = new RangeList();
    private final RangeList removed = new RangeList();
    /** Scratch of {@link #allRanges()}. */
    private final RangeList all = new RangeList();
    private int freedLevel;

    /** Forgets every change, keeping the storage; returns this set. */
    public ChangeSet clear() {
        added.clear();
        removed.clear();
        freedLevel = 0;
        return this;
    }

    public void added(long start, long end) {
        added.add(start, end);
    }

    public void removed(long start, long end) {
        removed.add(start, end);
    }

    /** Table pages up to level {@code level} (1: leaf tables) were freed. */
    public void tablesFreed(int level) {
        freedLevel = Math.max(freedLevel, Math.max(level, 1));
    }

    public boolean hasTablesFreed() {
        return freedLevel > 0;
    }

    /** The highest level of a freed table page; 0 if none. */
    public int freedLevel() {
        return freedLevel;
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty();
    }

    public boolean hasRemovals() {
        return !removed.isEmpty();
    }

    /** Removed or replaced ranges, sorted and merged. */
    public RangeList removedRanges() {
        return removed.normalize();
    }

    /** Every changed range (added or removed), sorted and merged; valid until the next call or {@link #clear()}. */
    public RangeList allRanges() {
        all.clear();
        all.addAll(added);
        all.addAll(removed);
        return all.normalize();
    }
}
