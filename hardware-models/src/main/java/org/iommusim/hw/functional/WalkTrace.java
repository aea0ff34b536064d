package org.iommusim.hw.functional;

import java.util.Arrays;

/**
 * The PTE reads of one translation, in the order the hardware performed them, kept in
 * reusable primitive arrays (no object per read; the arrays grow only if a translation ever
 * needs more reads than the capacity; one strided array, four words per read). Each read has: the IOASID whose table was read, the
 * {@link TableKind}, the stage (1 = the attached IOASID's own table or its shadow, 2 = the
 * parent's table during a two-stage walk), the level (1 = the 4 KiB leaf level), the input
 * address being translated at that stage (IOVA for stage 1, GPA for stage 2), the host
 * physical address of the PTE and the value read.
 *
 * <p>Does not model caches: every read of a walk is listed, cached or not; deciding which
 * reads a paging-structure cache or nested TLB would have saved is the timing layer's job.
 *
 * <p>If a walk hit a shadow miss that the host resolved by lazy fill, the walk is retried:
 * {@link #attemptStart()} is the index of the first read of the last attempt.
 */
public final class WalkTrace {
    private static final TableKind[] KINDS = TableKind.values();
    private static final int STRIDE = 4;

    // Per read, four words: tag (ioasid << 16 | kind << 8 | stage << 4 | level), input address,
    // PTE address, PTE value. One array keeps a read on one cache line.
    private long[] data;
    private int size;
    private int attemptStart;

    public WalkTrace() {
        this(64);
    }

    public WalkTrace(int capacity) {
        data = new long[capacity * STRIDE];
    }

    /** The tag of reads of IOASID {@code ioasidId}'s table of {@code kind} at {@code stage}, without the level. */
    public static long tag(int ioasidId, TableKind kind, int stage) {
        return ((long) ioasidId << 16) | ((long) kind.ordinal() << 8) | ((long) stage << 4);
    }

    /** Forgets every read; keeps the array. */
    public void clear() {
        size = 0;
        attemptStart = 0;
    }

    /** Marks the start of a retried walk. */
    public void newAttempt() {
        attemptStart = size;
    }

    public void record(int ioasidId, TableKind tableKind, int stageNo, int levelNo, long inputAddr,
                       long pteAddr, long pte) {
        record(tag(ioasidId, tableKind, stageNo), levelNo, inputAddr, pteAddr, pte);
    }

    /** Records one read; {@code tag} comes from {@link #tag}. */
    public void record(long tag, int levelNo, long inputAddr, long pteAddr, long pte) {
        int i = size * STRIDE;
        if (i == data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        data[i] = tag | levelNo;
        data[i + 1] = inputAddr;
        data[i + 2] = pteAddr;
        data[i + 3] = pte;
        size++;
    }

    /** Number of PTE reads. */
    public int size() {
        return size;
    }

    public int attemptStart() {
        return attemptStart;
    }

    public int ioasid(int i) {
        return (int) (data[i * STRIDE] >>> 16);
    }

    public TableKind kind(int i) {
        return KINDS[(int) (data[i * STRIDE] >>> 8) & 0xFF];
    }

    public int stage(int i) {
        return (int) (data[i * STRIDE] >>> 4) & 0xF;
    }

    public int level(int i) {
        return (int) data[i * STRIDE] & 0xF;
    }

    public long input(int i) {
        return data[i * STRIDE + 1];
    }

    public long pteAddress(int i) {
        return data[i * STRIDE + 2];
    }

    public long pteValue(int i) {
        return data[i * STRIDE + 3];
    }

    /** Reads of the given stage. */
    public int count(int stageNo) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (stage(i) == stageNo) {
                n++;
            }
        }
        return n;
    }

    /** A compact rendering, e.g. {@code [s2L4 s2L3 ... s1L4 ...]}, for messages. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            b.append(i == 0 ? "" : " ").append('s').append(stage(i)).append('L').append(level(i));
        }
        return b.append(']').toString();
    }
}
