package org.iommusim.hw.ioasid;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.hw.pagetable.TableWork;

/** Accumulates one operation's {@link Effects}. */
final class EffectsBuilder {
    final TableWork kernel = new TableWork();
    long leavesMapped;
    long bytesMapped;
    long leavesUnmapped;
    long bytesUnmapped;
    long userDescriptors;
    private final List<ShadowSync> syncs = new ArrayList<>();
    private final List<Invalidation> invalidations = new ArrayList<>();

    void sync(ShadowSync s) {
        syncs.add(s);
    }

    void invalidate(Invalidation inv) {
        invalidations.add(inv);
    }

    Effects build() {
        return new Effects(kernel.ptesRead, kernel.ptesWritten, kernel.tablesAllocated, kernel.tablesFreed,
                leavesMapped, bytesMapped, leavesUnmapped, bytesUnmapped, userDescriptors, syncs, invalidations);
    }
}
