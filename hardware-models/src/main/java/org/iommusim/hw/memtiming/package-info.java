/**
 * Memory read <em>timing</em> (how long a read takes, not what it returns: contents are
 * {@code hw.physmem}) behind the IOMMU's page walks: every page-table entry that no cache
 * holds is read through {@link org.iommusim.hw.memtiming.MemoryModel}, configured by
 * {@link org.iommusim.hw.memtiming.MemoryConfig} (fixed latency, optional DRAM channels with a
 * bandwidth, optional LLC hit probability). Reads complete through caller-owned
 * {@link org.iommusim.hw.memtiming.ReadCallback} objects, so a walk allocates nothing per read.
 *
 * <p>This package knows nothing about page tables or walkers; it only prices reads.
 */
package org.iommusim.hw.memtiming;
