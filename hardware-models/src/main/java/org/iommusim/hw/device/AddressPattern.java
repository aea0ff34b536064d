package org.iommusim.hw.device;

/**
 * Where a device's next DMA goes: one IOVA per call, the base plus a multiple of the request size, inside the
 * working set {@code [base, base + span)} of its {@link PatternSpec}. Implementations keep
 * their state in fields and allocate nothing per call; they are built by name through
 * {@link AddressPatterns}.
 */
public interface AddressPattern {
    /** The IOVA of the next request. */
    long next();

    /** The registry name this pattern was built under. */
    String name();
}
