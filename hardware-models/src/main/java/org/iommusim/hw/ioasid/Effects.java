package org.iommusim.hw.ioasid;

import java.util.List;

/**
 * What an accepted control-plane operation did, for a timing model to charge: PTEs the kernel
 * read walking its own table in a map or unmap ({@code ptesRead}: one per entry slot the edit's
 * descent examines at each level it reaches, empty slots included — a 4 KiB map on an empty
 * n-level table reads n; the checks before the edit and every other operation count 0; see
 * {@link org.iommusim.hw.pagetable.TableWork}), PTEs the kernel wrote in its own tables
 * (leaves, table pointers, clears), table pages allocated and freed,
 * leaves and bytes mapped or unmapped, invalidation descriptors a user issued, the shadow
 * synchronisations it caused (in order, including those propagated down the tree) and the
 * invalidations the IOMMU caches must perform.
 */
public record Effects(long ptesRead, long ptesWritten, long tablePagesAllocated, long tablePagesFreed,
                      long leavesMapped, long bytesMapped, long leavesUnmapped, long bytesUnmapped,
                      long userDescriptors, List<ShadowSync> syncs, List<Invalidation> invalidations) {

    public static final Effects NONE = new Effects(0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of());

    public Effects {
        syncs = List.copyOf(syncs);
        invalidations = List.copyOf(invalidations);
    }

    /** Guest PTEs read over all syncs. */
    public long guestPtesRead() {
        long n = 0;
        for (int i = 0; i < syncs.size(); i++) { // indexed: no iterator per operation
            n += syncs.get(i).guestPtesRead();
        }
        return n;
    }

    /** Shadow PTEs written over all syncs. */
    public long shadowPtesWritten() {
        long n = 0;
        for (int i = 0; i < syncs.size(); i++) { // indexed: no iterator per operation
            n += syncs.get(i).shadowPtesWritten();
        }
        return n;
    }

    /** Reverse-map entries touched over all syncs. */
    public long rmapEntriesTouched() {
        long n = 0;
        for (int i = 0; i < syncs.size(); i++) { // indexed: no iterator per operation
            n += syncs.get(i).rmapEntriesTouched();
        }
        return n;
    }
}
