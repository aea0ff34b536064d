package org.iommusim.core.resource;

/**
 * A requester of a {@link FifoServer} slot. The server calls {@link #granted} once per admitted
 * request, synchronously: from inside {@code request()} when a slot is free, or from inside the
 * {@code release()} that frees one. The client normally schedules its own (reusable) completion
 * event and later calls {@code release(slot)}.
 */
@FunctionalInterface
public interface Client {
    /**
     * A slot is now held by this request.
     *
     * @param slot     the slot index in [0, servers): pass it back to {@code release}; also
     *                 usable as a stable walker/core id
     * @param waitedPs time spent in the waiting queue (0 when served at once)
     */
    void granted(int slot, long waitedPs);
}
