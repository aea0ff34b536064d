package org.iommusim.hw.pcie;

/**
 * How a byte range is split into TLPs. A TLP never crosses a boundary aligned to its maximum
 * size (MPS for writes, MRRS for read requests, the completion size for completions) — which
 * also keeps every TLP inside one 4 KiB page, as the specification requires. So the number of
 * TLPs for {@code [address, address + length)} is the number of aligned blocks it touches.
 * Pure functions, no state.
 */
public final class Tlps {
    private Tlps() {
    }

    /** TLPs needed for {@code length > 0} bytes at {@code address} with maximum size {@code unit} (power of two). */
    public static long count(long address, long length, int unit) {
        if (length <= 0) {
            throw new IllegalArgumentException("length must be > 0, got " + length);
        }
        long first = Long.divideUnsigned(address, unit);
        long last = Long.divideUnsigned(address + length - 1, unit);
        return last - first + 1;
    }

    /**
     * The start address of TLP {@code i} of {@code [address, address + length)} split at
     * {@code unit}: the range start for the first, the unit-aligned block start for the others.
     */
    public static long start(long address, int unit, long i) {
        return i == 0 ? address : (address & -(long) unit) + i * unit;
    }

    /**
     * How many TLPs from TLP {@code i} on (up to, not including, TLP {@code end}) of a range at
     * {@code address} split at {@code unit} start in TLP {@code i}'s 4 KiB page: at least 1.
     */
    public static int inSamePage(long address, int unit, long i, long end) {
        long block = (address & -(long) unit) + i * unit; // TLP i's aligned block (TLP 0 starts inside it)
        long pageEnd = (block | 0xFFFL) + 1;
        return (int) Math.min(end - i, Math.max(1, (pageEnd - block) / unit));
    }

    /** Wire bytes of the payload-carrying TLPs: payload plus one overhead per TLP. */
    public static long payloadWireBytes(long address, long length, int unit, int overheadBytes) {
        return length + count(address, length, unit) * overheadBytes;
    }

    /** Wire bytes of the header-only read-request TLPs for a read of {@code length} bytes. */
    public static long readRequestWireBytes(long address, long length, int mrrs, int overheadBytes) {
        return count(address, length, mrrs) * overheadBytes;
    }
}
