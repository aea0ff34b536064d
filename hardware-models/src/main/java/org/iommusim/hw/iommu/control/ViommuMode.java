package org.iommusim.hw.iommu.control;

/**
 * How a guest's operations on its virtual IOMMU reach the host (issue 16, the guest paths);
 * {@link TimedControlPlane} charges each guest operation's entry accordingly:
 * <ul>
 *   <li>{@link #TRAP_USER}: trap-and-emulate with the device model in user space (QEMU's
 *       vIOMMU on iommufd): a VM exit, an exit to user space, the VMM's emulation, an
 *       {@code IOMMU_HWPT_INVALIDATE} ioctl, and the re-entry ({@code KVM_RUN}, an ioctl).</li>
 *   <li>{@link #TRAP_KERNEL}: the vIOMMU emulated in the host kernel: a VM exit only.</li>
 *   <li>{@link #SIDECORE}: a dedicated host core polls the guest's queue (vIOMMU ATC'11
 *       "sidecore"): no exits; the work runs on that core ({@code host.sidecore.*}), one ioctl
 *       per operation.</li>
 *   <li>{@link #HW_QUEUE}: hardware-accelerated guest queues (Arm VCMDQ, AMD hardware vIOMMU):
 *       the guest's invalidation commands reach the IOMMU without an exit and without host
 *       CPU; only hardware nesting can use it (a shadow needs the host to see them).</li>
 *   <li>{@link #VIRTIO_IOMMU}: the guest sends MAP/UNMAP requests instead of writing PTEs: a VM
 *       exit (the virtqueue kick), an exit to user space, the VMM's VFIO map ioctl with
 *       pinning, the re-entry. The guest's device sits on a map-unmap IOASID.</li>
 * </ul>
 * Does not model: posted-interrupt or exitless kicks for virtio, the VMM thread's own
 * scheduling, a sidecore's polling interval (a request is seen at once).
 */
public enum ViommuMode {
    TRAP_USER, TRAP_KERNEL, SIDECORE, HW_QUEUE, VIRTIO_IOMMU;

    /** Whether a guest operation causes a VM exit. */
    public boolean exits() {
        return this == TRAP_USER || this == TRAP_KERNEL || this == VIRTIO_IOMMU;
    }

    /** Whether the exit is handled in user space (an exit to user space and a re-entry ioctl). */
    public boolean userSpace() {
        return this == TRAP_USER || this == VIRTIO_IOMMU;
    }

    /** Whether the host handles a guest operation with an iommufd ioctl. */
    public boolean ioctl() {
        return this == TRAP_USER || this == SIDECORE || this == VIRTIO_IOMMU;
    }

    /** Whether guest operations use host CPU at all. */
    public boolean hostCpu() {
        return this != HW_QUEUE;
    }
}
