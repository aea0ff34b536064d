/**
 * The PCIe link between a DMA device and its root port.
 *
 * <ul>
 *   <li>{@link org.iommusim.hw.pcie.LinkConfig} (with {@link org.iommusim.hw.pcie.PcieGeneration}):
 *       generation, width, MPS, MRRS, completion size, TLP overhead, latency — documented
 *       defaults; usable bandwidth after line encoding and the serialisation time of a byte
 *       count.</li>
 *   <li>{@link org.iommusim.hw.pcie.Tlps}: how a byte range splits into TLPs.</li>
 *   <li>{@link org.iommusim.hw.pcie.PcieLink}: one FIFO server per
 *       {@link org.iommusim.hw.pcie.LinkDirection}, transfers delivered to a
 *       {@link org.iommusim.hw.pcie.LinkCallback}; the closed form
 *       {@link org.iommusim.hw.pcie.PcieLink#transferTimePs}.</li>
 *   <li>{@link org.iommusim.hw.pcie.FlowCredits}: the root port's posted and non-posted
 *       flow-control credits a device's writes and read requests must hold.</li>
 *   <li>{@link org.iommusim.hw.pcie.DllpSchedule}: the Ack/UpdateFC DLLP and SKP share.</li>
 * </ul>
 *
 * <p>Nothing here is thread-safe: one instance per run, on the run's single simulation thread.
 */
package org.iommusim.hw.pcie;
