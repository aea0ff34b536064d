package org.iommusim.hw.pcie;

/**
 * Told when a transfer sent with {@link PcieLink#send} has fully arrived at the other end (its
 * last byte serialised and propagated), and optionally when it has left the sender. The caller passes its own long-lived object and a tag,
 * so a transfer allocates nothing.
 */
@FunctionalInterface
public interface LinkCallback {
    /**
     * @param tag       the caller's tag
     * @param latencyPs time from {@code send} to arrival: queueing, serialisation and propagation
     */
    void delivered(long tag, long latencyPs);

    /**
     * The transfer's last byte has left the sender (serialisation ended; it is now propagating).
     * A posted write's sender waits for nothing more. Default: nothing.
     */
    default void left(long tag) {
    }
}
