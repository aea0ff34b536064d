/**
 * Radix page tables in the x86-64 / Arm SMMUv3 4 KiB-granule format: the PTE layout
 * ({@link org.iommusim.hw.pagetable.Pte}), page sizes, access kinds and protections, and the
 * kernel-owned table ({@link org.iommusim.hw.pagetable.RadixTable}) with the edit and range
 * operations the control plane and the shadow code need. Levels are numbered from 1 (the
 * table whose entries map 4 KiB pages) up to the root level (3, 4 or 5; 1 and 2 are accepted
 * for the closed-form walk-length checks).
 */
package org.iommusim.hw.pagetable;
