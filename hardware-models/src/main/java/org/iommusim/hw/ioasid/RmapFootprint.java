package org.iommusim.hw.ioasid;

import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;

/**
 * Models the host memory the kernel's reverse maps take, summed over every shadowed IOASID:
 * entries (leaf and table) and bytes ({@link org.iommusim.hw.shadow.ReverseMap#footprintBytes}),
 * now and at their peak since the control plane was created. Updated after each shadow
 * synchronisation of an IOASID (the only time its reverse map changes) and when an IOASID is
 * freed, from the IOASID's own totals, so an update costs O(1) whatever the number of IOASIDs.
 * Functional bookkeeping only: no simulated time, no cost (the entries' CPU cost is charged per
 * entry touched, {@code rmapEntriesTouched}).
 */
public final class RmapFootprint {
    private final Int2LongOpenHashMap entriesOf = new Int2LongOpenHashMap();
    private final Int2LongOpenHashMap bytesOf = new Int2LongOpenHashMap();
    private long entries;
    private long bytes;
    private long peakEntries;
    private long peakBytes;

    /** IOASID {@code x}'s reverse map may have changed: take its new size. */
    void update(Ioasid x) {
        long e = x.nested.reverseMapSize();
        long b = x.nested.reverseMapBytes();
        entries += e - entriesOf.put(x.id, e);
        bytes += b - bytesOf.put(x.id, b);
        peakEntries = Math.max(peakEntries, entries);
        peakBytes = Math.max(peakBytes, bytes);
    }

    /** IOASID {@code id} was freed with its reverse map. */
    void freed(int id) {
        entries -= entriesOf.remove(id);
        bytes -= bytesOf.remove(id);
    }

    /** Reverse-map entries over all IOASIDs now. */
    public long entries() {
        return entries;
    }

    /** Reverse-map bytes over all IOASIDs now. */
    public long bytes() {
        return bytes;
    }

    /** The most entries held at once. */
    public long peakEntries() {
        return peakEntries;
    }

    /** The most bytes held at once. */
    public long peakBytes() {
        return peakBytes;
    }
}
