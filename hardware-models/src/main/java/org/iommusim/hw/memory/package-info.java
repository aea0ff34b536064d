/**
 * Simulated physical memory for page-table pages: a sparse, page-granular store of 64-bit
 * words ({@link org.iommusim.hw.memory.PhysicalMemory}) and a page allocator per address
 * space ({@link org.iommusim.hw.memory.PageAllocator}). Data pages that devices read or write
 * are never stored: only the words the model needs (PTEs) exist.
 */
package org.iommusim.hw.memory;
