/**
 * Physical memory <em>contents</em> (what is stored, not how long a read takes; read timing
 * is {@code hw.memtiming}): a sparse, page-granular store of 64-bit words ({@link
 * org.iommusim.hw.physmem.PhysicalMemory}) and a page allocator per address space ({@link
 * org.iommusim.hw.physmem.PageAllocator}). Data pages that devices read or write are never
 * stored: only the words the model needs (PTEs) exist.
 */
package org.iommusim.hw.physmem;
