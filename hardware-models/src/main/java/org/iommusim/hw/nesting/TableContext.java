package org.iommusim.hw.nesting;

import org.iommusim.hw.pagetable.RadixTable;
import org.iommusim.hw.physmem.PageAllocator;
import org.iommusim.hw.physmem.PhysicalMemory;
import org.iommusim.hw.shadow.ParentView;

/**
 * What a strategy may use to set up one IOASID's tables.
 *
 * @param id                IOASID id
 * @param levels            table depth
 * @param guestTable        the IOASID's own table lives in guest memory (mode bind-invalidate)
 * @param kernelTable       its kernel table (mode map-unmap), else null
 * @param parent            the parent's single-stage translation as the kernel sees it, or null for a root
 * @param hostMemory        host memory (tables the IOMMU walks, guest memory contents)
 * @param hostPool          the kernel's page-table pool in host memory
 * @param kernelPrivate     memory no device reaches (the kernel's bookkeeping)
 * @param kernelPrivatePool its allocator
 */
public record TableContext(int id, int levels, boolean guestTable, RadixTable kernelTable, ParentView parent,
                           PhysicalMemory hostMemory, PageAllocator hostPool, PhysicalMemory kernelPrivate,
                           PageAllocator kernelPrivatePool) {
}
