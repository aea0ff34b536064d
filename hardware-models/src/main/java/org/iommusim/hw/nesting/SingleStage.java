package org.iommusim.hw.nesting;

import org.iommusim.hw.pagetable.RadixTable;
import org.iommusim.hw.pagetable.TableWork;
import org.iommusim.hw.shadow.ChangeSet;
import org.iommusim.hw.shadow.RangeList;
import org.iommusim.hw.shadow.SyncWork;

/**
 * No nesting: a root IOASID whose kernel table the IOMMU walks as one stage. Host side: an
 * unmap invalidates the removed ranges (tables freed widen it beyond leaves); a map that
 * replaced empty tables by large leaves invalidates its range (walk caches may still point to
 * the freed tables: Linux's {@code switch_to_super_page} flushes without the leaf hint);
 * every change is carried to the children. Does not nest, so it has no guest-side hooks.
 */
final class SingleStage implements NestingStrategy {
    private static final Capabilities CAPABILITIES = new Capabilities(true, false, true, true, false, 0);

    @Override
    public String configName() {
        return "none";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public WalkShape walkShape() {
        return WalkShape.KERNEL_TABLE;
    }

    @Override
    public boolean hostClassifiesFaults() {
        return false;
    }

    @Override
    public boolean guestEditsWaitForHostSync() {
        return false;
    }

    @Override
    public NestedTables create(TableContext context) {
        return new Tables(context.kernelTable());
    }

    private static final class Tables implements NestedTables {
        private final RadixTable kernelTable;
        /** Scratch of a map's change, read by the propagation to the children before the map returns. */
        private final ChangeSet added = new ChangeSet();

        Tables(RadixTable kernelTable) {
            this.kernelTable = kernelTable;
        }

        @Override
        public RadixTable walkedTable() {
            return kernelTable;
        }

        @Override
        public long boundRoot() {
            return -1L;
        }

        @Override
        public void kernelTableMapped(long start, long end, TableWork kernelWork, HostActions host) {
            if (kernelWork.tablesFreed > 0) {
                host.invalidateRange(start, end, kernelWork.highestLevelFreed);
            }
            added.clear().added(start, end);
            host.propagate(added);
        }

        @Override
        public void kernelTableUnmapping(long start, long end, SyncWork work) {
            // nothing derived from the kernel table to forget
        }

        @Override
        public void kernelTableUnmapped(long start, long end, ChangeSet removed, TableWork kernelWork, SyncWork work,
                                        HostActions host) {
            if (kernelWork.tablesFreed > 0) {
                removed.tablesFreed(kernelWork.highestLevelFreed);
            }
            RangeList ranges = removed.removedRanges();
            for (int i = 0; i < ranges.size(); i++) {
                host.invalidateRange(ranges.start(i), ranges.end(i), removed.freedLevel());
            }
            host.propagate(removed);
        }

        @Override
        public void kernelTableReplaced(long start, long end, ChangeSet changes, SyncWork work, HostActions host) {
            host.invalidateRange(start, end, 0);
            host.propagate(changes);
        }

        @Override
        public long fingerprint() {
            return 0;
        }
    }
}
