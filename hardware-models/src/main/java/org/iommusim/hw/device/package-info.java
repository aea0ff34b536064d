/**
 * DMA-issuing devices: the engine that turns a workload into translations and link transfers.
 *
 * <ul>
 *   <li>{@link org.iommusim.hw.device.DmaEngine} (configured by
 *       {@link org.iommusim.hw.device.DmaConfig} and an {@link org.iommusim.hw.device.IssueMode}):
 *       tags, request phases (link, page translations through the timed IOMMU, memory,
 *       completions), faults, open/closed loop; statistics in
 *       {@link org.iommusim.hw.device.DmaStats}.</li>
 *   <li>{@link org.iommusim.hw.device.AddressPattern}: where requests go, built by name from a
 *       {@link org.iommusim.hw.device.PatternSpec} through the registry
 *       {@link org.iommusim.hw.device.AddressPatterns} ({@code sequential}, {@code strided},
 *       {@code cyclic}, {@code uniform}, {@code zipf}).</li>
 * </ul>
 *
 * <p>Not yet here (issue 5, later): device presets ({@code nic}, {@code nvme}, {@code gpu},
 * {@code trace}), per-I/O map/unmap drivers and other control-plane workloads.
 * Nothing here is thread-safe: one instance per run, on the run's single simulation thread.
 */
package org.iommusim.hw.device;
