package org.iommusim.hw.guest;

/**
 * What one guest edit did: the IOVA range whose translation it changed (the whole leaf),
 * the guest PTEs written (zeroing new table pages included) and the table pages allocated.
 * {@code wasPresent} tells whether the edited slot held a present entry (present→x changes
 * need an invalidation; non-present→present ones do not).
 */
public record GuestEdit(long start, long length, long ptesWritten, long tablePagesAllocated, boolean wasPresent) {
    public long end() {
        return start + length;
    }
}
