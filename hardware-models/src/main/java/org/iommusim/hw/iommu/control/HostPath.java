package org.iommusim.hw.iommu.control;

/**
 * Which software path a host driver's map and unmap take into the IOMMU, as Linux has them
 * (issue 16). The path decides what each call costs; {@link TimedControlPlane} charges it:
 * <ul>
 *   <li>{@link #DMA_API}: an in-kernel driver's {@code dma_map_*} / {@code dma_unmap_*}: a
 *       function call ({@link PathConfig#dmaCallPs}), no syscall, no pinning (kernel memory is
 *       resident); the IOVA comes from the allocator's per-CPU caches or its slow path
 *       ({@link IovaAllocator}); the unmap's invalidation is strict or deferred to the flush
 *       queue as the control plane's {@code UnmapPolicy} says.</li>
 *   <li>{@link #VFIO}: a user-space driver's iommufd / VFIO map ioctl: a syscall and per-page
 *       pinning ({@link CostModel#mapPagePs} on map, {@link CostModel#unmapPagePs} on unmap);
 *       a driver on this path maps its buffers once, at setup. Every operation of a control
 *       workload (an iommufd user) takes this path.</li>
 *   <li>{@link #STATIC}: memory mapped once at start, DPDK-style hugepages: one function call
 *       per mapping, a static IOVA layout (no allocator), no pinning cost (the hugepages are
 *       reserved at boot); nothing per packet.</li>
 *   <li>{@link #IDENTITY}: pass-through; the driver makes no mapping at all, so no cost.</li>
 * </ul>
 * Does not model: SWIOTLB bounce buffering, the DMA-API's cache maintenance on non-coherent
 * platforms.
 */
public enum HostPath {
    DMA_API, VFIO, STATIC, IDENTITY;

    /** Whether a map on this path pins its pages (priced per page, counted as pages pinned). */
    public boolean pins() {
        return this == VFIO;
    }

    /** Whether a map on this path is a call into the kernel from user space (an ioctl). */
    public boolean ioctl() {
        return this == VFIO;
    }
}
