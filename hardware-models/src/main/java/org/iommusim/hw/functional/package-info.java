/**
 * The functional side of translation: what a DMA reaches, in zero simulated time.
 * {@link org.iommusim.hw.functional.FunctionalWalker#translate} finds the IOASID of a
 * (device, PASID), walks one stage (kernel table or shadow) or two stages (bound guest table
 * over the parent's table, in hardware order) and returns the HPA or the fault in a reusable
 * {@link org.iommusim.hw.functional.Translation}, recording every PTE read in a
 * {@link org.iommusim.hw.functional.WalkTrace} (IOASID, {@link
 * org.iommusim.hw.functional.TableKind}, stage, level, input address, PTE address and value,
 * in reusable primitive arrays so the data path never allocates). The timed IOMMU
 * ({@code hw.iommu}) replays that trace read by read against its caches and memory timing.
 * {@link org.iommusim.hw.functional.DirectComposition} is the test oracle: child∘parent
 * evaluated straight from the tables, never looking at shadows.
 */
package org.iommusim.hw.functional;
