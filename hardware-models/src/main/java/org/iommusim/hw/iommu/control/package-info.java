/**
 * The host CPU and the timed control plane, one room of the timed IOMMU (the software side of
 * gem5's SMMU "command execution"): control-plane operations — map, unmap, bind, invalidate,
 * page-request handling, lazy shadow fills — in simulated time on contended host cores, with
 * costs no surveyed simulator charges.
 *
 * <p>One operation, top to bottom: {@link org.iommusim.hw.iommu.control.TimedControlPlane}
 * (the entry points, the lazy-unmap flush queue) starts a
 * {@link org.iommusim.hw.iommu.control.ControlOp}, which waits for a core of the
 * {@link org.iommusim.hw.iommu.control.HostCpu} (or a sidecore's, or none: see
 * {@link org.iommusim.hw.iommu.control.HostCores}), pays its entry (an ioctl; a trap for a guest),
 * changes the functional control plane ({@code ioasid.ControlPlane}) at that instant, pays its
 * work ({@link org.iommusim.hw.iommu.control.ControlPlaneWork} priced by the
 * {@link org.iommusim.hw.iommu.control.CostModel}), submits its invalidations with a wait
 * descriptor ({@code iommu.inval.InvalidationSubmitter}), holds its core until the wait
 * completes, then releases the core and reports ({@link org.iommusim.hw.iommu.control.OpStats}).
 *
 * <p>Software paths (issue 16): an operation's entry depends on who calls and how — a host
 * driver's {@link org.iommusim.hw.iommu.control.HostPath} (DMA-API call with the
 * {@link org.iommusim.hw.iommu.control.IovaAllocator}'s per-CPU caches, VFIO ioctl with pinning,
 * static, identity), a guest's {@link org.iommusim.hw.iommu.control.ViommuMode} (exits, exits to
 * user space, sidecore, hardware queues, virtio-iommu), an interrupt, or a driver's per-packet
 * work ({@link org.iommusim.hw.iommu.control.OpEntry}, settings in
 * {@link org.iommusim.hw.iommu.control.PathConfig}); every core picosecond and costly event is
 * counted by category ({@link org.iommusim.hw.iommu.control.HostEvents}). Lazy unmaps wait in the
 * {@link org.iommusim.hw.iommu.control.FlushQueue}.
 *
 * <p>This package does not know what an operation does to the tables: the functional control
 * plane counts the work; this package prices it and makes it contend for cores. Does not model:
 * preemption, priorities, per-core run queues, sleeping while waiting (a core spins), the flush
 * queue's drain costing CPU time.
 */
package org.iommusim.hw.iommu.control;
