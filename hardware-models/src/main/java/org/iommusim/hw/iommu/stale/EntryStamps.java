package org.iommusim.hw.iommu.stale;

import java.util.Arrays;
import org.iommusim.hw.cache.SlotListener;

/**
 * What the oracle remembers beside one cache, per slot: the epoch at which the tables were read
 * for the entry there, the GPA its translation went through ({@link StaleUseTracker#NO_GPA}:
 * none; kept unaligned, aligned to the entry's size when asked) and the domain it was translated
 * in. The cache tells it which slot an insert filled or which slot emptied
 * ({@link SlotListener}); what the filled entry was translated from is the oracle's current
 * {@link FillSource}. Not hardware state: the simulator's knowledge for exact stale-use counting.
 */
final class EntryStamps implements SlotListener {
    private final FillSource source;
    private long[] stamp;
    private long[] gpa;
    private int[] domain;

    EntryStamps(FillSource source, int slots) {
        this.source = source;
        this.stamp = new long[slots];
        this.gpa = new long[slots];
        this.domain = new int[slots];
        Arrays.fill(gpa, StaleUseTracker.NO_GPA);
    }

    @Override
    public void filled(int slot) {
        if (slot >= stamp.length) {
            int n = Math.max(slot + 1, stamp.length * 2);
            stamp = Arrays.copyOf(stamp, n);
            gpa = Arrays.copyOf(gpa, n);
            domain = Arrays.copyOf(domain, n);
        }
        stamp[slot] = source.stamp;
        gpa[slot] = source.gpa;
        domain[slot] = source.domain;
    }

    @Override
    public void emptied(int slot) {
        if (slot < stamp.length) {
            stamp[slot] = 0;
            gpa[slot] = StaleUseTracker.NO_GPA;
            domain[slot] = -1;
        }
    }

    /** The fill epoch of the entry in {@code slot}. */
    long stamp(int slot) {
        return stamp[slot];
    }

    /** The domain the entry in {@code slot} was translated in (ATC entries; -1 when unknown). */
    int domain(int slot) {
        return domain[slot];
    }

    /**
     * The GPA the entry in {@code slot}, of {@code size} bytes, gives {@code addr} (its stage-1
     * output page plus the offset of {@code addr}), or {@link StaleUseTracker#NO_GPA}.
     */
    long gpaAt(int slot, long size, long addr) {
        long g = gpa[slot];
        return g == StaleUseTracker.NO_GPA ? g : (g & -size) | (addr & (size - 1));
    }
}
