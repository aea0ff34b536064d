package org.iommusim.hw.device;

/**
 * The {@code sequential} pattern: consecutive requests, wrapping at the end of the working set
 * (uses base, span and the request size). No randomness.
 */
final class SequentialPattern {
    /** The {@code sequential} pattern. */
    static final AddressPattern.Type TYPE = AddressPattern.Type.of("sequential", (s, stream) ->
            new SteppingPattern("sequential", s.baseIova(), s.spanBytes(), s.requestBytes()));

    private SequentialPattern() {
    }
}
