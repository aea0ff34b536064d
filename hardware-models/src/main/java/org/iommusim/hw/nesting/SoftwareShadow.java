package org.iommusim.hw.nesting;

import org.iommusim.hw.pagetable.RadixTable;
import org.iommusim.hw.pagetable.TableWork;
import org.iommusim.hw.shadow.ChangeSet;
import org.iommusim.hw.shadow.RangeList;
import org.iommusim.hw.shadow.ShadowTable;
import org.iommusim.hw.shadow.SyncWork;

/**
 * Software shadow nesting: the kernel keeps a shadow table child∘parent ({@link ShadowTable})
 * that the IOMMU walks as one stage. Host side: every change of the child's own table (a
 * kernel-table map or unmap, or the guest's bind, invalidation, or a lazy fill after a shadow
 * miss) and every change of the parent re-derives the affected shadow entries, and only the
 * shadow entries that changed are invalidated. A miss in the shadow may be stale, so the host
 * classifies it. Being one stage for the IOMMU, it may be the parent of a hardware-nested
 * child; lazy fill and caching mode are its policies.
 */
final class SoftwareShadow implements NestingStrategy {
    private static final Capabilities CAPABILITIES = new Capabilities(false, true, true, true, true, 1);

    @Override
    public String configName() {
        return "software";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public WalkShape walkShape() {
        return WalkShape.SHADOW;
    }

    @Override
    public boolean hostClassifiesFaults() {
        return true;
    }

    @Override
    public boolean guestEditsWaitForHostSync() {
        return true;
    }

    @Override
    public NestedTables create(TableContext c) {
        RadixTable shadowTable = RadixTable.create(c.hostMemory(), c.hostPool(), c.levels());
        return new Tables(c.guestTable()
                ? ShadowTable.ofGuestTable(c.id(), shadowTable,
                        RadixTable.create(c.kernelPrivate(), c.kernelPrivatePool(), c.levels()), c.parent(), c.hostMemory())
                : ShadowTable.ofKernelTable(c.id(), shadowTable, c.kernelTable(), c.parent()));
    }

    /**
     * The host side of one shadowed IOASID. Its operations' change sets and the work of the
     * operations that do not bring their own are scratch kept here and cleared per operation
     * (nothing allocated per operation): a set is read by the propagation to this IOASID's
     * children before the operation returns, and never by this IOASID itself again.
     */
    private static final class Tables implements NestedTables {
        private final ShadowTable shadow;
        private final SyncWork work = new SyncWork();
        private final ChangeSet changes = new ChangeSet();

        Tables(ShadowTable shadow) {
            this.shadow = shadow;
        }

        @Override
        public RadixTable walkedTable() {
            return shadow.table();
        }

        @Override
        public long boundRoot() {
            return shadow.guestRoot();
        }

        @Override
        public void kernelTableMapped(long start, long end, TableWork kernelWork, HostActions host) {
            SyncWork w = work.clear();
            ChangeSet cc = changes.clear();
            shadow.sourceMapped(start, end, w, cc);
            host.shadowSynced(w, cc);
        }

        @Override
        public void kernelTableUnmapping(long start, long end, SyncWork work) {
            shadow.sourceUnmapping(start, end, work);
        }

        @Override
        public void kernelTableUnmapped(long start, long end, ChangeSet removed, TableWork kernelWork, SyncWork work,
                                        HostActions host) {
            ChangeSet cc = changes.clear();
            shadow.rederive(start, end, work, cc);
            host.shadowSynced(work, cc);
        }

        @Override
        public void kernelTableReplaced(long start, long end, ChangeSet changes, SyncWork work, HostActions host) {
            ChangeSet cc = this.changes.clear();
            shadow.sourceMapped(start, end, work, cc);
            host.shadowSynced(work, cc);
        }

        @Override
        public void bound(long rootGpa, HostActions host) {
            SyncWork w = work.clear();
            ChangeSet cc = changes.clear();
            shadow.bind(rootGpa, w, cc);
            host.shadowSynced(w, cc);
        }

        @Override
        public void guestInvalidated(long start, long end, HostActions host) {
            SyncWork w = work.clear();
            ChangeSet cc = changes.clear();
            shadow.syncFromGuest(start, end, w, cc);
            host.shadowSynced(w, cc);
        }

        @Override
        public void parentChanged(ChangeSet parentChanges, HostActions host) {
            RangeList ranges = parentChanges.allRanges();
            SyncWork w = work.clear();
            ChangeSet cc = changes.clear();
            for (int i = 0; i < ranges.size(); i++) {
                shadow.parentChanged(ranges.start(i), ranges.end(i), w, cc);
            }
            host.shadowSynced(w, cc);
        }

        @Override
        public void lazyFill(long page, SyncWork work, HostActions host) {
            ChangeSet cc = changes.clear();
            shadow.syncFromGuest(page, page + 4096, work, cc);
            host.shadowSynced(work, cc);
        }

        @Override
        public void destroy(TableWork kernelWork) {
            shadow.destroy(kernelWork, new TableWork());
        }

        @Override
        public int reverseMapSize() {
            return shadow.reverseMapSize();
        }

        @Override
        public long reverseMapBytes() {
            return shadow.reverseMapBytes();
        }

        @Override
        public long fingerprint() {
            return shadow.fingerprint();
        }
    }
}
