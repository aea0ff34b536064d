package org.iommusim.hw.device;

/**
 * The {@code cyclic} pattern: a ring of floor(span / stride) buffers (at least one), each
 * {@code strideBytes} apart, visited round-robin from buffer 0 — a NIC descriptor ring of
 * pre-mapped buffers. No randomness.
 */
final class CyclicPattern {
    /** The {@code cyclic} pattern. */
    static final AddressPattern.Type TYPE = AddressPattern.Type.of("cyclic", (s, stream) ->
            new SteppingPattern("cyclic", s.baseIova(),
                    Math.max(1, s.spanBytes() / s.strideBytes()) * s.strideBytes(), s.strideBytes()));

    private CyclicPattern() {
    }
}
