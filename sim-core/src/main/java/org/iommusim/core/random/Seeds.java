package org.iommusim.core.random;

import java.nio.charset.StandardCharsets;

/**
 * Pure seed arithmetic: a stable 64-bit hash of a stream name, the SplitMix64 finaliser, and the
 * derivation of a stream's seed from (master seed, name, replication).
 *
 * <p>Models: deterministic, platform-independent seeding, so a recorded master seed reproduces
 * every stream. Does not model: true jump-ahead substreams (as MRG32k3a offers); a replication's
 * "substream" is a separately seeded generator, independent with overwhelming probability.
 */
public final class Seeds {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long FNV_OFFSET = 0xCBF29CE484222325L;
    private static final long FNV_PRIME = 0x100000001B3L;

    private Seeds() {
    }

    /** The SplitMix64 finaliser (Stafford's variant 13): a bijective avalanche mixer. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** FNV-1a over the name's UTF-8 bytes, then mixed: stable across JVMs and platforms. */
    public static long nameHash(String name) {
        long h = FNV_OFFSET;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= FNV_PRIME;
        }
        return mix64(h);
    }

    /**
     * The seed of stream {@code name} in replication {@code replication} under
     * {@code masterSeed}. Each input passes through the mixer, so neighbouring master seeds,
     * similar names and consecutive replications give unrelated seeds.
     */
    public static long streamSeed(long masterSeed, String name, int replication) {
        long s = mix64(masterSeed + GOLDEN);
        s = mix64(s ^ nameHash(name));
        return mix64(s + GOLDEN * (replication + 1L));
    }

    /**
     * Expands a 64-bit seed into {@code ints} words of generator state with the SplitMix64
     * sequence, so a large-state generator starts from a well-mixed full state rather than from
     * a mostly-zero one.
     */
    public static int[] expand(long seed, int ints) {
        int[] out = new int[ints];
        long state = seed;
        for (int i = 0; i < ints; i += 2) {
            state += GOLDEN;
            long z = mix64(state);
            out[i] = (int) (z >>> 32);
            if (i + 1 < ints) {
                out[i + 1] = (int) z;
            }
        }
        return out;
    }
}
