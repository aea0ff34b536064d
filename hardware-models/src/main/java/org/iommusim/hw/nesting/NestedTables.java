package org.iommusim.hw.nesting;

import org.iommusim.hw.pagetable.RadixTable;
import org.iommusim.hw.pagetable.TableWork;
import org.iommusim.hw.shadow.ChangeSet;
import org.iommusim.hw.shadow.SyncWork;

/**
 * One IOASID's nesting state and its host-side maintenance hooks: what the host does when
 * the IOASID's own table or its parent changes, and on the guest's bind, invalidation and the
 * data path's lazy fill. The control plane validates each operation (mode, capabilities)
 * before calling a hook; a hook the strategy cannot be asked for (its capabilities rule the
 * operation out) throws {@link IllegalStateException}.
 */
public interface NestedTables {
    /** The one-stage table the IOMMU walks, or null when it walks two stages. */
    RadixTable walkedTable();

    /** The bound guest root GPA, or -1 (never bound, or no guest table). */
    long boundRoot();

    /** Map on the kernel table added {@code [start, end)}; {@code kernelWork} is that edit's work. */
    default void kernelTableMapped(long start, long end, TableWork kernelWork, HostActions host) {
        throw unsupported("a kernel-table map");
    }

    /** Leaves of {@code [start, end)} are about to be removed from the kernel table. */
    default void kernelTableUnmapping(long start, long end, SyncWork work) {
        throw unsupported("a kernel-table unmap");
    }

    /** They were removed ({@code removed} holds their ranges); {@code work} is the one passed before. */
    default void kernelTableUnmapped(long start, long end, ChangeSet removed, TableWork kernelWork, SyncWork work,
                                     HostActions host) {
        throw unsupported("a kernel-table unmap");
    }

    /**
     * Present leaves of {@code [start, end)} were replaced in place ({@code changes}: removed and
     * added); {@code work} is the one passed to {@link #kernelTableUnmapping} before.
     */
    default void kernelTableReplaced(long start, long end, ChangeSet changes, SyncWork work, HostActions host) {
        throw unsupported("a kernel-table replace");
    }

    /** The guest bound the table rooted at {@code rootGpa}. */
    default void bound(long rootGpa, HostActions host) {
        throw unsupported("a guest bind");
    }

    /** The guest invalidated {@code [start, end)} of its table (a PASID or full invalidation: everything). */
    default void guestInvalidated(long start, long end, HostActions host) {
        throw unsupported("a guest invalidation");
    }

    /** The parent's translation changed as {@code changes} says. */
    default void parentChanged(ChangeSet changes, HostActions host) {
        throw unsupported("a parent change");
    }

    /** The data path missed in the walked table at {@code page}, which the host found the guest maps. */
    default void lazyFill(long page, SyncWork work, HostActions host) {
        throw unsupported("a lazy fill");
    }

    /** Frees the strategy's own tables (not the kernel table). */
    default void destroy(TableWork kernelWork) {
    }

    /** Reverse-map entries the host keeps for this IOASID (0 without a shadow). */
    default int reverseMapSize() {
        return 0;
    }

    /** Bytes of the reverse map the host keeps for this IOASID (0 without a shadow). */
    default long reverseMapBytes() {
        return 0;
    }

    /** Digest of the state that does not live in simulated memory. */
    long fingerprint();

    private IllegalStateException unsupported(String what) {
        return new IllegalStateException(getClass().getSimpleName() + " has no hook for " + what
                + " (its capabilities rule it out; the control plane checks them first)");
    }
}
