package org.iommusim.hw.ioasid;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.hw.pagetable.TableWork;

/** Accumulates one operation's {@link Effects} ({@link #build} copies them out, so a builder may be reused). */
final class EffectsBuilder {
    final TableWork kernel = new TableWork();
    long leavesMapped;
    long bytesMapped;
    long leavesUnmapped;
    long bytesUnmapped;
    long userDescriptors;
    private final List<ShadowSync> syncs = new ArrayList<>();
    private final List<Invalidation> invalidations = new ArrayList<>();

    /** Empties the builder for the next operation (an owner keeps one as scratch); returns this. */
    EffectsBuilder clear() {
        kernel.ptesRead = 0;
        kernel.ptesWritten = 0;
        kernel.tablesAllocated = 0;
        kernel.tablesFreed = 0;
        kernel.highestLevelFreed = 0;
        leavesMapped = 0;
        bytesMapped = 0;
        leavesUnmapped = 0;
        bytesUnmapped = 0;
        userDescriptors = 0;
        syncs.clear();
        invalidations.clear();
        return this;
    }

    void sync(ShadowSync s) {
        syncs.add(s);
    }

    void invalidate(Invalidation inv) {
        invalidations.add(inv);
    }

    Effects build() {
        return new Effects(kernel.ptesRead, kernel.ptesWritten, kernel.tablesAllocated, kernel.tablesFreed,
                leavesMapped, bytesMapped, leavesUnmapped, bytesUnmapped, userDescriptors, immutable(syncs),
                immutable(invalidations));
    }

    /** The list as an immutable one (what {@link Effects} keeps) without copying through an array when it is short. */
    private static <T> List<T> immutable(List<T> list) {
        switch (list.size()) {
            case 0:
                return List.of();
            case 1:
                return List.of(list.get(0));
            case 2:
                return List.of(list.get(0), list.get(1));
            default:
                return List.copyOf(list);
        }
    }
}
