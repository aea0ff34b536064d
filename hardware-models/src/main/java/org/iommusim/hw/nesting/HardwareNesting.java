package org.iommusim.hw.nesting;

import org.iommusim.hw.pagetable.RadixTable;
import org.iommusim.hw.shadow.ChangeSet;

/**
 * Hardware 2D nesting: the IOMMU walks the child's guest table as stage 1 and translates
 * every GPA (table pointers and the output) through the parent's one-stage table as stage 2.
 * Host side: nothing to derive. A guest invalidation passes through to the IOMMU caches; a
 * rebind invalidates everything; a parent change that removed or replaced present entries
 * invalidates all of the child's cached combined translations (the IOMMU cannot tell which
 * IOVAs used the changed GPAs); additions need nothing (caches never hold non-present
 * entries). Needs a guest-owned table (bind-invalidate) and a one-stage parent; being two
 * stages itself, it cannot be a hardware-nested child's parent.
 */
final class HardwareNesting implements NestingStrategy {
    private static final Capabilities CAPABILITIES = new Capabilities(false, true, false, false, false, 0);

    @Override
    public String configName() {
        return "hardware";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public WalkShape walkShape() {
        return WalkShape.NESTED;
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
        return new Tables();
    }

    private static final class Tables implements NestedTables {
        private long boundRoot = -1L;

        @Override
        public RadixTable walkedTable() {
            return null;
        }

        @Override
        public long boundRoot() {
            return boundRoot;
        }

        @Override
        public void bound(long rootGpa, HostActions host) {
            boolean rebind = boundRoot != -1L;
            boundRoot = rootGpa;
            if (rebind) {
                host.invalidateAll();
            }
        }

        @Override
        public void guestInvalidated(long start, long end, HostActions host) {
            host.passThrough();
        }

        @Override
        public void parentChanged(ChangeSet changes, HostActions host) {
            if (changes.hasRemovals()) {
                host.invalidateAll();
            }
        }

        @Override
        public long fingerprint() {
            return boundRoot;
        }
    }
}
