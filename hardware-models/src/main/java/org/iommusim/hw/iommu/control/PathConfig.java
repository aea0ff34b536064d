package org.iommusim.hw.iommu.control;

import org.iommusim.core.kernel.SimTime;

/**
 * The software paths' settings beyond the per-item {@link CostModel}: how guests reach the
 * vIOMMU ({@link ViommuMode}) and what the host DMA-API path and a user-space exit cost, in
 * picoseconds. Defaults ({@link #defaults()}), all <em>assumptions</em> of the right order for a
 * current x86 server (no public per-item figure was found; docs/CALIBRATION.md gives the
 * reasoning and the consistency checks):
 * <ul>
 *   <li>{@code viommu} = {@link ViommuMode#TRAP_USER}: QEMU emulates the vIOMMU in user space
 *       and forwards to iommufd, the common deployment of nested translation today.</li>
 *   <li>{@code dmaCallPs} = 100 ns: the DMA-API call chain of one map or unmap
 *       ({@code dma_map_page} → {@code iommu_dma_map_page} → {@code iommu_map}) without its
 *       IOVA allocation and PTE writes, which are priced separately: a few hundred
 *       instructions.</li>
 *   <li>{@code iovaAllocPs} = 50 ns: an IOVA allocation or free served by the CPU's rcache
 *       magazine (per-CPU lock, array push or pop).</li>
 *   <li>{@code iovaSlowPathPs} = 500 ns: an allocation the magazines cannot serve: the global
 *       red-black tree under {@code iova_rbtree_lock} (Malka FAST'15: the tree search
 *       "regularly induces linear complexity").</li>
 *   <li>{@code exitToUserPs} = 2 µs: on top of the VM exit ({@code host.costs.trap}), the
 *       return from {@code KVM_RUN} to the VMM, its MMIO dispatch and vIOMMU emulation, and
 *       the {@code KVM_RUN} re-entry (about 1.2 k cycles of the ioctl path alone on AMD, LKML
 *       2020), the iommufd ioctl priced separately ({@code host.costs.syscall}).</li>
 * </ul>
 */
public record PathConfig(ViommuMode viommu, long dmaCallPs, long iovaAllocPs, long iovaSlowPathPs,
                         long exitToUserPs) {
    public static final long DEFAULT_DMA_CALL_PS = 100 * SimTime.NS;
    public static final long DEFAULT_IOVA_ALLOC_PS = 50 * SimTime.NS;
    public static final long DEFAULT_IOVA_SLOW_PATH_PS = 500 * SimTime.NS;
    public static final long DEFAULT_EXIT_TO_USER_PS = 2 * SimTime.US;

    public PathConfig {
        if (viommu == null) {
            throw new IllegalArgumentException("viommu mode is required");
        }
        if (dmaCallPs < 0 || iovaAllocPs < 0 || iovaSlowPathPs < 0 || exitToUserPs < 0) {
            throw new IllegalArgumentException("path costs must be >= 0 ps, got dmaCall " + dmaCallPs + ", iovaAlloc "
                    + iovaAllocPs + ", iovaSlowPath " + iovaSlowPathPs + ", exitToUser " + exitToUserPs);
        }
    }

    public static PathConfig defaults() {
        return new PathConfig(ViommuMode.TRAP_USER, DEFAULT_DMA_CALL_PS, DEFAULT_IOVA_ALLOC_PS,
                DEFAULT_IOVA_SLOW_PATH_PS, DEFAULT_EXIT_TO_USER_PS);
    }

    public PathConfig withViommu(ViommuMode m) {
        return new PathConfig(m, dmaCallPs, iovaAllocPs, iovaSlowPathPs, exitToUserPs);
    }
}
