package org.iommusim.hw.shadow;

import it.unimi.dsi.fastutil.HashCommon;
import it.unimi.dsi.fastutil.longs.Long2LongMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import org.iommusim.hw.pagetable.Pte;

/**
 * Models the kernel's reverse map of one shadowed IOASID: from parent input pages (GPAs) to
 * the child entries derived from them, so a parent map or unmap finds the shadow entries it
 * affects without scanning the shadow.
 *
 * <p>Two kinds of entries. A <em>leaf</em> entry says "the child leaf at IOVA i maps GPA
 * range [g, g + size)" — kept for every child leaf, resolvable or not, so that a parent map
 * can make a previously unresolvable leaf resolvable. A <em>table</em> entry says "the guest
 * table page at GPA g describes the IOVA region r at level l" — kept for every guest table
 * page the last walk met, readable or not, so a parent map or unmap of that page re-walks
 * the region. A lookup over a GPA range probes the hash per aligned chunk, or scans all
 * entries when that is cheaper; the cost is reported as lookups.
 *
 * <p>Fan-out: one GPA page may back several child leaves (aliases: the guest maps the same
 * buffer at several IOVAs); each is its own entry under the page's key, so a parent change of
 * the page finds them all and each found entry is one {@code rmapEntriesTouched}. Several
 * shadowed children of one parent each keep their own map. Memory footprint
 * ({@link #footprintBytes}): {@value #ENTRY_BYTES} bytes per entry (an 8-byte IOVA or region and
 * a link, padded) and per distinct key (a hash slot: the 8-byte GPA and the list head, padded),
 * as this primitive layout stores them — an estimate of a kernel's, which keeps one 8-byte
 * pointer per mapping in list blocks plus a per-page head (an assumption, docs/CALIBRATION.md).
 * Does not model locking.
 */
public final class ReverseMap {
    private final LongMultiMap leaves = new LongMultiMap();
    private final LongMultiMap tables = new LongMultiMap();
    private final Long2LongOpenHashMap tableIndex = new Long2LongOpenHashMap();
    /** Scratch columns of the lookups below, cleared per call (no allocation per sync). */
    private final LongArrayList scratchA = new LongArrayList();
    private final LongArrayList scratchB = new LongArrayList();
    private static final int[] LEAF_SHIFTS = {12, 21, 30};

    ReverseMap() {
        tableIndex.defaultReturnValue(-1L);
    }

    private static long leafKey(long gpa, int shift) {
        return gpa | (shift == 12 ? 1 : shift == 21 ? 2 : 3);
    }

    private static int keyShift(long key) {
        return LEAF_SHIFTS[(int) (key & 3) - 1];
    }

    void addLeaf(long gpa, int shift, long iova, SyncWork w) {
        long key = leafKey(gpa, shift);
        w.rmapLookups++;
        if (leaves.putIfAbsent(key, iova)) {
            w.rmapEntriesTouched++;
        }
    }

    void removeLeaf(long gpa, int shift, long iova, SyncWork w) {
        w.rmapLookups++;
        if (leaves.remove(leafKey(gpa, shift), iova)) {
            w.rmapEntriesTouched++;
        }
    }

    /** Records that the guest table page at {@code gpa} describes region {@code regionBase} at {@code level}. */
    void recordTable(long gpa, long regionBase, int level, SyncWork w) {
        long region = regionBase | level;
        long old = tableIndex.get(region);
        w.rmapLookups++;
        if (old == gpa) {
            return;
        }
        if (old != -1L) {
            tables.remove(old, region);
        }
        tableIndex.put(region, gpa);
        tables.put(gpa, region);
        w.rmapEntriesTouched++;
    }

    /** Forgets the table entries of regions lying wholly inside {@code [start, end)}. */
    void removeTablesWithin(long start, long end, int levels, SyncWork w) {
        long probes = 0;
        for (int l = 1; l <= levels; l++) {
            probes += Math.max(0, (end >>> Pte.tableShift(l)) - ((start + (1L << Pte.tableShift(l)) - 1) >>> Pte.tableShift(l)));
        }
        LongArrayList regions = scratchA;
        regions.clear();
        if (probes <= tableIndex.size()) {
            for (int l = 1; l <= levels; l++) {
                int ts = Pte.tableShift(l);
                for (long b = ((start + (1L << ts) - 1) >>> ts) << ts; b + (1L << ts) <= end; b += 1L << ts) {
                    if (tableIndex.containsKey(b | l)) {
                        regions.add(b | l);
                    }
                }
            }
            w.rmapLookups += probes;
        } else {
            for (Long2LongMap.Entry e : tableIndex.long2LongEntrySet()) {
                long region = e.getLongKey();
                long b = region & ~0xFL;
                if (b >= start && b + (1L << Pte.tableShift((int) (region & 0xF))) <= end) {
                    regions.add(region);
                }
            }
            w.rmapLookups += tableIndex.size();
        }
        for (int i = 0; i < regions.size(); i++) {
            long region = regions.getLong(i);
            tables.remove(tableIndex.remove(region), region);
            w.rmapEntriesTouched++;
        }
    }

    /** Adds to {@code out} the IOVA sub-ranges of child leaves derived from GPAs in {@code [start, end)}. */
    void leafHits(long start, long end, RangeList out, SyncWork w) {
        long probes = 0;
        for (int shift : LEAF_SHIFTS) {
            probes += ((end - 1) >>> shift) - (start >>> shift) + 1;
        }
        LongArrayList keys = scratchA;
        LongArrayList iovas = scratchB;
        keys.clear();
        iovas.clear();
        if (probes <= leaves.size()) {
            for (int shift : LEAF_SHIFTS) {
                for (long g = (start >>> shift) << shift; g < end; g += 1L << shift) {
                    int n = leaves.valuesOf(leafKey(g, shift), iovas);
                    for (int i = 0; i < n; i++) {
                        keys.add(leafKey(g, shift));
                    }
                }
            }
            w.rmapLookups += probes;
        } else {
            leaves.entries(keys, iovas);
            w.rmapLookups += leaves.size();
        }
        for (int i = 0; i < keys.size(); i++) {
            long key = keys.getLong(i);
            int shift = keyShift(key);
            long g = key & ~0xFFFL;
            long lo = Math.max(start, g);
            long hi = Math.min(end, g + (1L << shift));
            if (lo < hi) {
                long iova = iovas.getLong(i);
                out.add(iova + (lo - g), iova + (hi - g));
                w.rmapEntriesTouched++;
            }
        }
    }

    /** Adds to {@code out} the IOVA regions described by guest table pages at GPAs in {@code [start, end)}. */
    void tableHits(long start, long end, RangeList out, SyncWork w) {
        long pages = (end - start) >>> 12;
        LongArrayList gpas = scratchA;
        LongArrayList regions = scratchB;
        gpas.clear();
        regions.clear();
        if (pages <= tables.size()) {
            for (long g = start; g < end; g += 4096) {
                int n = tables.valuesOf(g, regions);
                for (int i = 0; i < n; i++) {
                    gpas.add(g);
                }
            }
            w.rmapLookups += pages;
        } else {
            tables.entries(gpas, regions);
            w.rmapLookups += tables.size();
        }
        for (int i = 0; i < gpas.size(); i++) {
            long g = gpas.getLong(i);
            if (g >= start && g < end) {
                long region = regions.getLong(i);
                long base = region & ~0xFL;
                out.add(base, base + (1L << Pte.tableShift((int) (region & 0xF))));
                w.rmapEntriesTouched++;
            }
        }
    }

    /** Bytes per entry and per distinct key in {@link #footprintBytes}. */
    public static final int ENTRY_BYTES = 16;

    /** Number of leaf entries and table entries. */
    public int size() {
        return leaves.size() + tables.size();
    }

    /** Leaf entries only: (GPA page, child IOVA) pairs. */
    public int leafEntries() {
        return leaves.size();
    }

    /** Bytes the entries, their keys and the table index take ({@value #ENTRY_BYTES} each). */
    public long footprintBytes() {
        long slots = (long) leaves.size() + leaves.keyCount() + tables.size() + tables.keyCount() + tableIndex.size();
        return slots * ENTRY_BYTES;
    }

    void clear() {
        leaves.clear();
        tables.clear();
        tableIndex.clear();
    }

    long fingerprint() {
        long h = leaves.fingerprint() * 31 + tables.fingerprint();
        for (Long2LongMap.Entry e : tableIndex.long2LongEntrySet()) {
            h += HashCommon.murmurHash3(e.getLongKey() ^ e.getLongValue() * 0x9E3779B97F4A7C15L);
        }
        return h;
    }
}
