package org.iommusim.hw.guest;

import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.OpError;

/**
 * The guest driver's pending writes to consecutive words of one table page, written together
 * by {@link ControlPlane#writeGuestWords} (one translation of the page instead of one per
 * 8-byte write; the same memory and guest-write count as writing each word alone). A run of
 * leaves in one leaf table is staged here and written when the run leaves the table, before
 * anything reads the table again, and before an edit returns. Does not order writes to
 * different pages: each flush is one page's.
 */
final class GuestWords {
    private static final long[] ZEROS = new long[512];
    private final ControlPlane cp;
    private final int ioasid;
    private final long[] words = new long[512];
    private long first;
    private int count;

    GuestWords(ControlPlane cp, int ioasid) {
        this.cp = cp;
        this.ioasid = ioasid;
    }

    /** Stages the write of {@code value} at {@code gpa}, after the staged ones (flushing them first if not adjacent). */
    void add(long gpa, long value) {
        if (count > 0 && (gpa != first + 8L * count || (gpa & 0xFFF) == 0)) {
            flush();
        }
        if (count == 0) {
            first = gpa;
        }
        words[count++] = value;
    }

    /** Writes the staged words. */
    void flush() {
        if (count > 0) {
            check(cp.writeGuestWords(ioasid, first, words, 0, count));
            count = 0;
        }
    }

    /** Zeroes the 4 KiB page at {@code page} (512 guest writes); staged words are written first. */
    void zeroPage(long page) {
        flush();
        check(cp.writeGuestWords(ioasid, page, ZEROS, 0, 512));
    }

    private static void check(OpError error) {
        if (error != null) {
            throw new IllegalStateException("guest write failed after its checks: " + error);
        }
    }
}
