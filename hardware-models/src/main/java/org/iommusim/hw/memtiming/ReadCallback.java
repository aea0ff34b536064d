package org.iommusim.hw.memtiming;

/**
 * Told when a memory read issued with {@link MemoryModel#read(long, ReadCallback)} completes.
 * The caller passes its own long-lived object (a walk's state), so a read allocates nothing;
 * {@code Simulator.now()} equals {@code completionPs} during the call. A callback may issue the
 * next read at once (a walk's dependent PTE read).
 */
@FunctionalInterface
public interface ReadCallback {
    /**
     * @param address      the address that was read
     * @param completionPs the completion time (now)
     * @param latencyPs    time from issue to completion, channel queueing included
     */
    void readComplete(long address, long completionPs, long latencyPs);
}
