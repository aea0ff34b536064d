package org.iommusim.hw.device;

/**
 * The {@code strided} pattern: steps of {@code strideBytes}, wrapping modulo the span — with a
 * stride that does not divide the span the sweep shifts on each lap. No randomness.
 */
final class StridedPattern {
    /** The {@code strided} pattern. */
    static final AddressPattern.Type TYPE = AddressPattern.Type.of("strided", (s, stream) ->
            new SteppingPattern("strided", s.baseIova(), s.spanBytes(),
                    s.strideBytes() % s.spanBytes() == 0 ? s.spanBytes() : s.strideBytes() % s.spanBytes()));

    private StridedPattern() {
    }
}
