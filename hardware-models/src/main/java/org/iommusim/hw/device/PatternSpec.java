package org.iommusim.hw.device;

/**
 * Parameters of an {@link AddressPattern}, one record for every pattern (each uses what it
 * needs). The working set is {@code spanBytes} at {@code baseIova}; addresses are the base plus multiples
 * of {@code requestBytes}. Defaults ({@link #of}): base 0, stride = one 4 KiB page,
 * Zipf exponent 0.99 (the YCSB default skew).
 *
 * @param name         registry name ({@link AddressPatterns#names()})
 * @param baseIova     start of the working set (an unaligned base gives unaligned requests)
 * @param spanBytes    size of the working set, a positive multiple of {@code requestBytes}
 * @param requestBytes size (and alignment) of one request
 * @param strideBytes  distance between consecutive requests of {@code strided} and {@code cyclic}
 *                     (a multiple of {@code requestBytes})
 * @param zipfExponent skew of {@code zipf} (> 0)
 */
public record PatternSpec(String name, long baseIova, long spanBytes, int requestBytes, long strideBytes,
                          double zipfExponent) {
    public static final long DEFAULT_STRIDE = 4096;
    public static final double DEFAULT_ZIPF_EXPONENT = 0.99;

    public PatternSpec {
        if (name == null) {
            throw new IllegalArgumentException("pattern name is required; valid: " + AddressPatterns.names());
        }
        if (requestBytes < 1) {
            throw new IllegalArgumentException("requestBytes must be >= 1, got " + requestBytes);
        }
        if (spanBytes < requestBytes || spanBytes % requestBytes != 0) {
            throw new IllegalArgumentException("spanBytes must be a positive multiple of requestBytes ("
                    + requestBytes + "), got " + spanBytes);
        }
        if (baseIova < 0) {
            throw new IllegalArgumentException("baseIova must be >= 0, got " + baseIova);
        }
        if (strideBytes < requestBytes || strideBytes % requestBytes != 0) {
            throw new IllegalArgumentException("strideBytes must be a positive multiple of requestBytes ("
                    + requestBytes + "), got " + strideBytes);
        }
        if (!(zipfExponent > 0)) {
            throw new IllegalArgumentException("zipfExponent must be > 0, got " + zipfExponent);
        }
    }

    /** Pattern {@code name} over {@code spanBytes} at {@code baseIova}, with the default stride and skew. */
    public static PatternSpec of(String name, long baseIova, long spanBytes, int requestBytes) {
        return new PatternSpec(name, baseIova, spanBytes, requestBytes, Math.max(DEFAULT_STRIDE, requestBytes),
                DEFAULT_ZIPF_EXPONENT);
    }

    public PatternSpec withStride(long bytes) {
        return new PatternSpec(name, baseIova, spanBytes, requestBytes, bytes, zipfExponent);
    }

    public PatternSpec withZipfExponent(double exponent) {
        return new PatternSpec(name, baseIova, spanBytes, requestBytes, strideBytes, exponent);
    }

    /** The slots as an int, for {@code pattern}s that draw a slot index; more than 2^31-1 fail. */
    public int intSlots(String pattern) {
        if (slots() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(pattern + ": at most 2^31-1 slots, got " + slots());
        }
        return (int) slots();
    }

    /** Number of request-sized slots in the working set. */
    public long slots() {
        return spanBytes / requestBytes;
    }
}
