package org.iommusim.hw.device;

import org.iommusim.hw.pagetable.PageSize;

/**
 * The memory of an NVMe drive's one I/O queue pair, as its driver lays it out at {@code iova}
 * (host or guest physical {@code addr} behind it): the submission queue (SQ,
 * {@value NvmeConfig#QUEUE_ENTRIES} entries of {@value NvmeConfig#SQ_ENTRY_BYTES} B), then the
 * completion queue (CQ, {@value NvmeConfig#CQ_ENTRY_BYTES} B entries), then the MSI-X doorbell
 * page, then one PRP list page per outstanding I/O when the I/Os need them
 * ({@link NvmeConfig#queueBytes}). Says which address each of the protocol's DMAs goes to: the
 * next SQ entry the controller fetches, the next CQ entry it posts (both rings wrap), the PRP list
 * of a command slot and the MSI page. Does not model: several queue pairs, the phase tag of CQ
 * entries, or head pointers (the driver never lets a ring overflow: queue depth &lt; entries).
 */
final class NvmeQueues {
    private final NvmeConfig config;
    private final long iova;
    private final long addr;
    private long sqTail;
    private long cqTail;

    /** Queue memory at {@code iova} backed by {@code addr}; both must be 4 KiB aligned. */
    NvmeQueues(NvmeConfig config, long iova, long addr) {
        if (iova % PageSize.SIZE_4K.bytes() != 0 || addr % PageSize.SIZE_4K.bytes() != 0) {
            throw new IllegalArgumentException("NVMe queue memory must be 4 KiB aligned, got iova 0x"
                    + Long.toHexString(iova) + ", address 0x" + Long.toHexString(addr));
        }
        this.config = config;
        this.iova = iova;
        this.addr = addr;
    }

    /** Where the queue memory starts in the device's IOVA space. */
    long iova() {
        return iova;
    }

    /** The host or guest physical address behind {@link #iova()}. */
    long addr() {
        return addr;
    }

    /** The SQ entry of the next command (the ring's tail moves on). */
    long nextSubmission() {
        long entry = sqTail++ % NvmeConfig.QUEUE_ENTRIES;
        return iova + entry * NvmeConfig.SQ_ENTRY_BYTES;
    }

    /** The CQ entry of the next completion (the ring's tail moves on). */
    long nextCompletion() {
        long entry = cqTail++ % NvmeConfig.QUEUE_ENTRIES;
        return iova + config.cqOffset() + entry * NvmeConfig.CQ_ENTRY_BYTES;
    }

    /** The PRP list page of command slot {@code slot}. */
    long prpList(int slot) {
        return iova + config.prpListOffset() + (long) slot * PageSize.SIZE_4K.bytes();
    }

    /** The MSI-X doorbell the interrupt write goes to. */
    long msi() {
        return iova + config.msiOffset();
    }
}
