package org.iommusim.scenarios.schema;

import static org.iommusim.scenarios.config.Key.Kind.SIZE;

import java.util.List;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.scenarios.config.Key;

/**
 * One element of the {@code ioasids} list: an I/O address space in the tree (DESIGN §1–§2).
 * A root ({@code parent: ~}) translates to host physical addresses and is always
 * {@code map-unmap}; a child names its parent, whose output addresses (GPAs) it maps into.
 * A {@code map-unmap} IOASID is populated by {@link #maps}; a {@code bind-invalidate} one by a
 * guest page table ({@link #guest}) bound at start, nested on its parent by hardware (2D walk,
 * only on a root parent) or by a software shadow. Addresses are written as sizes
 * ({@code 256GiB} is 0x40_0000_0000).
 */
public record IoasidSpec(
        @Key(doc = "IOASID name, referenced by devices, workloads and children") String name,
        @Key(doc = "Parent IOASID name; ~ for a root (translates to host physical addresses)", def = Key.NONE) String parent,
        @Key(doc = "How the table is managed: map-unmap (the host maps ranges) or bind-invalidate (a guest owns the table)", def = "map-unmap") Mode mode,
        @Key(doc = "How a child composes with its parent: none (a root), hardware (2D walk) or software (shadow)", def = "none") Nesting nesting,
        @Key(doc = "Page-table levels (4 = 48-bit, 5 = 57-bit addresses)", def = "4", unit = "levels", min = "3", max = "5") int levels,
        @Key(doc = "Caching mode (VT-d CM): the guest invalidates after every map, so a shadow sees maps at once", def = "false") boolean cachingMode,
        @Key(doc = "Shadow misses are filled lazily by a fault and software walk instead of faulting; the DMA waits, so every device translating through this IOASID must have PRI (iommu.pri.enabled and its ats.enabled; rule: only a PRI device can wait, another's DMA would be aborted); the fill's work is charged on a host core (host.costs.shadowFault plus its reads and writes)", def = "false") boolean lazyFill,
        @Key(doc = "Faults of this IOASID are recoverable: page requests (iommu.pri) map the page and retry; with iommu.pri.enabled its devices must have ats.enabled (rule: PCIe PRI requires ATS)", def = "false") boolean pageRequests,
        @Key(doc = "A page request maps the faulting 4 KiB page at iova to iova + this offset (guest physical for a bind-invalidate IOASID)", def = "0B", kind = SIZE) long pageRequestOffset,
        @Key(doc = "Initial mappings of a map-unmap IOASID") List<MapSpec> maps,
        @Key(doc = "The guest page table of a bind-invalidate IOASID") GuestSpec guest) {

    /** One initial mapping of a {@code map-unmap} IOASID. */
    public record MapSpec(
            @Key(doc = "First I/O virtual address (an address written as a size, e.g. 256MiB)", kind = SIZE) long iova,
            @Key(doc = "Output address it maps to: host physical for a root, guest physical for a child", kind = SIZE) long pa,
            @Key(doc = "Bytes mapped (a multiple of the page size)", kind = SIZE, min = "4KiB") long bytes,
            @Key(doc = "Page size of the mapping: 4KiB, 64KiB (16 contiguous-hint entries; arm-smmuv3 and amd-vi only), 2MiB or 1GiB", def = "4KiB", kind = SIZE) long pageSize,
            @Key(doc = "Access allowed", def = "rw", values = {"r", "w", "rw"}) String prot,
            @Key(doc = "Map each page as its own mapping (so parent churn can remap single pages)", def = "false") boolean eachPage) {
    }

    /** The guest table of a {@code bind-invalidate} IOASID. */
    public record GuestSpec(
            @Key(doc = "Guest-physical start of the region the guest table's pages are allocated from", def = "1MiB", kind = SIZE) long tableGpa,
            @Key(doc = "Size of that region", def = "1MiB", kind = SIZE, min = "4KiB") long tableBytes,
            @Key(doc = "Initial guest mappings, written before the table is bound") List<GuestMap> maps) {
    }

    /**
     * One initial guest mapping: IOVA to guest physical, optionally repeated at {@code aliases}
     * IOVAs ({@code iova + k * aliasStride}) onto the same GPAs, as a guest that maps one buffer
     * for several devices, PASIDs or rings does — the reverse map's fan-out.
     */
    public record GuestMap(
            @Key(doc = "First I/O virtual address", kind = SIZE) long iova,
            @Key(doc = "Guest physical address it maps to (must be mapped by the parent)", kind = SIZE) long gpa,
            @Key(doc = "Bytes mapped (a multiple of the page size)", kind = SIZE, min = "4KiB") long bytes,
            @Key(doc = "Page size: 4KiB, 64KiB (16 contiguous-hint entries; arm-smmuv3 and amd-vi only), 2MiB or 1GiB", def = "4KiB", kind = SIZE) long pageSize,
            @Key(doc = "Access allowed", def = "rw", values = {"r", "w", "rw"}) String prot,
            @Key(doc = "IOVAs mapping the same GPAs: the range is mapped at iova + k * aliasStride for k = 0 .. aliases - 1 (reverse-map fan-out)", def = "1", min = "1", max = "4096") int aliases,
            @Key(doc = "Distance between two aliases' IOVAs; 0B = bytes (back to back); a multiple of the page size, at least bytes", def = "0B", kind = SIZE) long aliasStride) {

        /** The IOVA distance between two aliases. */
        public long stride() {
            return aliasStride == 0 ? bytes : aliasStride;
        }
    }
}
