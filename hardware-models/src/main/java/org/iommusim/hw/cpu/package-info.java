/**
 * The host CPU and the cost of the control plane — what no surveyed simulator charges:
 * {@link org.iommusim.hw.cpu.HostCpu} (k cores, FIFO), {@link org.iommusim.hw.cpu.CostModel}
 * (CPU time per item of work, every cost a parameter with documented default),
 * {@link org.iommusim.hw.cpu.ControlPlaneWork} (counts of work items of one operation) and
 * {@link org.iommusim.hw.cpu.ControlPlaneExecutor} (runs an operation of a named
 * {@link org.iommusim.hw.cpu.OpKind} on a core and calls back).
 *
 * <p>This package does not know what an operation does: the functional control plane counts
 * the work, this package prices it and makes it contend for cores.
 */
package org.iommusim.hw.cpu;
