/**
 * The IOMMU data path, functionally: {@link org.iommusim.hw.translate.Iommu#translate}
 * finds the IOASID of a (device, PASID), walks one stage (kernel table or shadow) or two
 * stages (bound guest table over the parent's table, in hardware order) and returns the HPA
 * or the fault in a reusable {@link org.iommusim.hw.translate.Translation}, recording every
 * PTE read in a {@link org.iommusim.hw.walk.WalkTrace}. {@link
 * org.iommusim.hw.translate.DirectComposition} is the test oracle: child∘parent evaluated
 * straight from the tables, never looking at shadows.
 */
package org.iommusim.hw.translate;
