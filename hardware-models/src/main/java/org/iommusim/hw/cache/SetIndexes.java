package org.iommusim.hw.cache;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of set-index functions, keyed by configuration names:
 * <ul>
 *   <li>{@code modulo}: the low bits of the tag (the textbook index). Consecutive pages fill
 *       consecutive sets, so an aligned window of N ≤ C pages fills every set evenly and never
 *       conflicts.</li>
 *   <li>{@code xor-fold}: the XOR of all bit groups of the tag, {@code bits} at a time (the
 *       folded index of many CPU TLBs and caches). Spreads power-of-two strides over the sets;
 *       on an aligned window it is still a permutation within each block of {@code sets} pages,
 *       so an aligned window still fills the sets evenly.</li>
 *   <li>{@code hash}: the top bits of a full-avalanche mix of the tag (the MurmurHash3 64-bit
 *       finaliser), standing for an undocumented hash of the whole page number: consecutive
 *       pages land in sets as if at random, so sets overflow before the structure is full —
 *       conflict misses appear around N ≈ C, as on hardware whose index function is not a
 *       bijection on aligned blocks.</li>
 * </ul>
 * Unknown names fail with the list of valid ones.
 */
public final class SetIndexes {
    private static final Map<String, SetIndex> KINDS;

    static {
        Map<String, SetIndex> m = new LinkedHashMap<>();
        m.put("modulo", (tag, bits) -> (int) (tag & ((1L << bits) - 1)));
        m.put("xor-fold", SetIndexes::xorFold);
        m.put("hash", (tag, bits) -> bits == 0 ? 0 : (int) (mix(tag) >>> (64 - bits)));
        KINDS = Collections.unmodifiableMap(m);
    }

    private SetIndexes() {
    }

    /** The registered names, in documentation order. */
    public static List<String> names() {
        return List.copyOf(KINDS.keySet());
    }

    /** The index function {@code name}; unknown names fail with the allowed ones. */
    public static SetIndex get(String name) {
        SetIndex s = KINDS.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown set index '" + name + "'; allowed: " + String.join(", ", names()));
        }
        return s;
    }

    /** MurmurHash3's fmix64: every input bit affects every output bit. */
    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    private static int xorFold(long tag, int bits) {
        if (bits == 0) {
            return 0;
        }
        long mask = (1L << bits) - 1;
        long r = 0;
        for (long x = tag; x != 0; x >>>= bits) {
            r ^= x & mask;
        }
        return (int) r;
    }
}
