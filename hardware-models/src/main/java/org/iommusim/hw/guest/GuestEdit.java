package org.iommusim.hw.guest;

/**
 * What one guest edit did, as a value: the IOVA range whose translation it changed (the whole
 * leaf), the guest PTEs written (zeroing new table pages included) and the table pages
 * allocated. {@code wasPresent} tells whether the edited slot held a present entry (present→x
 * changes need an invalidation; non-present→present ones do not). The hot paths fill a
 * {@link GuestEditHolder} instead.
 */
public record GuestEdit(long start, long length, long ptesWritten, long tablePagesAllocated, boolean wasPresent)
        implements GuestEditView {
    @Override
    public long end() {
        return start + length;
    }
}
