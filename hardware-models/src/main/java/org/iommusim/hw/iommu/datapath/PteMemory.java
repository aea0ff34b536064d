package org.iommusim.hw.iommu.datapath;

import org.iommusim.hw.memtiming.MemoryModel;
import org.iommusim.hw.memtiming.ReadCallback;

/**
 * Where a walker's PTE reads go: a read of the entry at a host-physical address whose data
 * returns through {@code callback} (the walk itself, a long-lived object, so nothing is
 * allocated per read). The walker has at most one read outstanding. The normal implementation
 * is the {@link MemoryModel} ({@link #of}); tests plug in other service-time laws.
 */
@FunctionalInterface
public interface PteMemory {
    /** Reads the PTE at {@code address}; {@code callback} runs when the data is back. */
    void read(long address, ReadCallback callback);

    /** Reads through the memory model (fixed latency, channels, LLC). */
    static PteMemory of(MemoryModel model) {
        return model::read;
    }
}
