/**
 * The guest side of a bind-invalidate IOASID: {@link org.iommusim.hw.guest.GuestPageTable}
 * edits a page table in guest memory with plain memory writes (allocating table pages from a
 * guest-physical region the parent maps), as a guest's IOMMU driver would. Each edit reports
 * what it did as a {@link org.iommusim.hw.guest.GuestEdit} value or, on paths that edit per
 * I/O, into a reusable {@link org.iommusim.hw.guest.GuestEditHolder}. Nothing here
 * invalidates: the caller decides whether and when to call
 * {@link org.iommusim.hw.ioasid.ControlPlane#invalidate}.
 */
package org.iommusim.hw.guest;
