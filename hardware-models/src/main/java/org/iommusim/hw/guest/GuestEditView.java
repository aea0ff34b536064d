package org.iommusim.hw.guest;

/**
 * What one guest table edit did, as read by those who act on it (the timed control plane's
 * removal records, the guest's invalidation): the IOVA range whose translation it changed (the
 * whole leaf), the guest PTEs written (zeroing new table pages included), the table pages
 * allocated, and whether the edited slot held a present entry. Two forms: the immutable
 * {@link GuestEdit} value and the reusable {@link GuestEditHolder} that an editor on a hot path
 * fills per edit instead of allocating one.
 */
public interface GuestEditView {
    long start();

    long length();

    long ptesWritten();

    long tablePagesAllocated();

    /** Whether the edited slot held a present entry (present→x changes need an invalidation). */
    boolean wasPresent();

    default long end() {
        return start() + length();
    }
}
