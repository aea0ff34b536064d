package org.iommusim.hw.cache;

/**
 * The configuration every cache-like structure shares (DESIGN §4, principle 4): {@code entries},
 * {@code assoc} (0 = fully associative), {@code policy} (a name registered in
 * {@link ReplacementPolicies}), {@code enabled}, and {@code latencyPs}, the lookup latency in
 * picoseconds that the timing model charges (no structure in this package charges it).
 *
 * <p>Validation fails with a message that names the field, the value and what is allowed:
 * entries positive; assoc 0 or a positive divisor of entries; the number of sets
 * (entries / ways) a power of two, because the set index is the low bits of the tag; a known
 * policy that supports the number of ways; latency not negative; a known set {@code index}
 * ({@link SetIndexes}: {@code modulo} by default, {@code xor-fold}, {@code hash}). A disabled structure is
 * validated all the same, so enabling it later cannot turn a valid scenario invalid.
 */
public record CacheConfig(int entries, int assoc, String policy, boolean enabled, long latencyPs, String index) {

    /** A structure with the {@code modulo} set index. */
    public CacheConfig(int entries, int assoc, String policy, boolean enabled, long latencyPs) {
        this(entries, assoc, policy, enabled, latencyPs, "modulo");
    }


    public CacheConfig {
        if (entries <= 0) {
            throw new IllegalArgumentException("entries must be a positive number of entries, got " + entries);
        }
        if (assoc < 0) {
            throw new IllegalArgumentException(
                    "assoc must be 0 (fully associative) or a positive number of ways, got " + assoc);
        }
        if (assoc > entries) {
            throw new IllegalArgumentException("assoc must be at most entries (" + entries + ") or 0, got " + assoc);
        }
        if (assoc > 0 && entries % assoc != 0) {
            throw new IllegalArgumentException("entries must be a multiple of assoc (" + assoc + "), got " + entries
                    + "; nearest allowed: " + (entries / assoc) * assoc + " or " + (entries / assoc + 1) * assoc);
        }
        int ways = assoc == 0 ? entries : assoc;
        int sets = entries / ways;
        if (Integer.bitCount(sets) != 1) {
            throw new IllegalArgumentException("entries / assoc (the number of sets) must be a power of two, got "
                    + entries + " / " + assoc + " = " + sets + " sets; e.g. entries = "
                    + Integer.highestOneBit(sets) * ways + " or " + Integer.highestOneBit(sets) * 2 * ways);
        }
        ReplacementPolicies.check(policy, ways);
        if (index == null) {
            throw new IllegalArgumentException("index is required; allowed: " + String.join(", ", SetIndexes.names()));
        }
        SetIndexes.get(index);
        if (latencyPs < 0) {
            throw new IllegalArgumentException("latency must be at least 0 ps, got " + latencyPs + " ps");
        }
    }

    /** An enabled structure with zero lookup latency. */
    public static CacheConfig of(int entries, int assoc, String policy) {
        return new CacheConfig(entries, assoc, policy, true, 0);
    }

    /** This configuration with {@code enabled} replaced. */
    public CacheConfig withEnabled(boolean on) {
        return new CacheConfig(entries, assoc, policy, on, latencyPs, index);
    }

    /** This configuration with another set index ({@link SetIndexes}). */
    public CacheConfig withIndex(String name) {
        return new CacheConfig(entries, assoc, policy, enabled, latencyPs, name);
    }

    /** Ways per set: {@code assoc}, or {@code entries} when fully associative. */
    public int ways() {
        return assoc == 0 ? entries : assoc;
    }

    /** Number of sets (a power of two). */
    public int sets() {
        return entries / ways();
    }

    public boolean fullyAssociative() {
        return sets() == 1;
    }
}
