/**
 * Control-plane workloads (issue 5): guest and host behaviours that run concurrently with DMA
 * and change translations through the timed control plane
 * ({@link org.iommusim.hw.iommu.control.TimedControlPlane}), so their host-CPU, trap and invalidation
 * costs — and, under software nesting, the shadow maintenance they cause — show up next to the
 * device statistics.
 *
 * <ul>
 *   <li>{@link org.iommusim.hw.workload.ControlWorkload}: the one interface; built from its
 *       {@link org.iommusim.hw.workload.WorkloadConfig} ({@code guest-pte-writes},
 *       {@code range-invalidations}, {@code parent-churn}) with a
 *       {@link org.iommusim.hw.workload.WorkloadContext}. Which workloads a scenario can name is
 *       the scenario layer's list of workload kinds.</li>
 *   <li>{@link org.iommusim.hw.workload.GuestPteWrites}: a guest mapping and unmapping I/O
 *       buffers in its bound table, invalidating after maps only in caching mode.</li>
 *   <li>{@link org.iommusim.hw.workload.RangeInvalidations}: periodic range invalidations.</li>
 *   <li>{@link org.iommusim.hw.workload.ParentChurn}: balloon/migration-style remapping of guest
 *       memory at the GPA level (the seed's reverse-map question).</li>
 *   <li>{@link org.iommusim.hw.workload.WorkloadStats}: what the control plane's own per-kind
 *       statistics do not say — per-workload operation counts, rejections and latency.</li>
 * </ul>
 *
 * <p>Nothing here is thread-safe: one instance per run, on the run's single simulation thread.
 */
package org.iommusim.hw.workload;
