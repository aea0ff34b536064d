/**
 * DMA-issuing devices: the engine that turns a workload into translations and link transfers,
 * and the device presets built on it.
 *
 * <ul>
 *   <li>{@link org.iommusim.hw.device.DmaEngine} (configured by
 *       {@link org.iommusim.hw.device.DmaConfig} and an {@link org.iommusim.hw.device.IssueMode}):
 *       tags, request phases (link, per-TLP translations through the timed IOMMU, memory,
 *       completions), faults, open/closed loop or driven ({@code submit} by a driver); statistics
 *       in {@link org.iommusim.hw.device.DmaStats}; a {@link org.iommusim.hw.device.DmaListener}
 *       hears every issued and ended request. Each DMA runs as a pooled {@code DmaTransfer}
 *       (its phases), whose request TLPs go up the link through its {@code RequestTlps} (split,
 *       flow-control credit waits); an open loop's arrivals and backlog are its
 *       {@code OpenLoopArrivals}.</li>
 *   <li>{@link org.iommusim.hw.device.AddressPattern}: where requests go, built by name from a
 *       {@link org.iommusim.hw.device.PatternSpec} through the registry
 *       {@link org.iommusim.hw.device.AddressPatterns} ({@code sequential}, {@code strided},
 *       {@code cyclic}, {@code uniform}, {@code zipf}).</li>
 *   <li>Presets, each a documented default config record a scenario overrides:
 *       {@code nic} ({@link org.iommusim.hw.device.NicConfig}, {@link org.iommusim.hw.device.Nic}:
 *       RX/TX descriptor rings at line rate with their descriptor fetches, write-backs, refill
 *       batches and moderated MSI-X interrupts ({@link org.iommusim.hw.device.RingProtocol},
 *       {@link org.iommusim.hw.device.InterruptModerator}), per-packet map/unmap or a pre-mapped pool, by a host
 *       driver through the timed control plane's map/unmap or by a guest driver writing PTEs in
 *       a bound guest table and issuing guest invalidations ({@code Nic.inGuest}); the two are
 *       {@code BufferMapper} strategies of the ring, built from the device's
 *       {@link org.iommusim.hw.device.DriverConfig} by {@code DriverMappers}: the software path,
 *       optimistic teardown, a guest's batched flush, the per-packet host work); {@code nvme}
 *       ({@link org.iommusim.hw.device.NvmeConfig}, {@link org.iommusim.hw.device.NvmeDrive}:
 *       random blocks at queue depth Q over a working set, each I/O its protocol's DMAs —
 *       SQ-entry fetch, PRP list, data, CQ entry, MSI-X — with the flash behind them in
 *       {@link org.iommusim.hw.device.FlashMedia}, configured by
 *       {@link org.iommusim.hw.device.FlashConfig}; statistics in
 *       {@link org.iommusim.hw.device.NvmeStats}); {@code trace}
 *       ({@link org.iommusim.hw.device.TraceReader} → {@link org.iommusim.hw.device.Trace} →
 *       {@link org.iommusim.hw.device.TraceReplay}, malformed lines as
 *       {@link org.iommusim.hw.device.TraceFormatException}; {@link org.iommusim.hw.device.TraceWriter}
 *       records a run as a trace); {@code gpu} ({@link org.iommusim.hw.device.GpuConfig}: 2 MiB bulk
 *       transfers round-robin over one PASID per process, each on its own bind-invalidate IOASID).</li>
 * </ul>
 *
 * <p>Control-plane workloads live in {@code hw.workload}.
 * Nothing here is thread-safe: one instance per run, on the run's single simulation thread.
 */
package org.iommusim.hw.device;
