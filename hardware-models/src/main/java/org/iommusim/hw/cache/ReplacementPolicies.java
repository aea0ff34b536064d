package org.iommusim.hw.cache;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.iommusim.core.random.RandomStreams;

/**
 * The explicit registry of replacement policies, keyed by stable configuration names:
 *
 * <table>
 *   <caption>policies</caption>
 *   <tr><th>name</th><th>on hit</th><th>victim</th><th>needs</th></tr>
 *   <tr><td>{@code lru}</td><td>becomes most recent</td><td>least recently used</td><td></td></tr>
 *   <tr><td>{@code tree-plru}</td><td>tree bits point away</td><td>follow the tree bits</td>
 *       <td>power-of-two ways</td></tr>
 *   <tr><td>{@code fifo}</td><td>nothing</td><td>oldest fill</td><td></td></tr>
 *   <tr><td>{@code random}</td><td>nothing</td><td>uniform over the ways</td>
 *       <td>a seeded {@link RandomGenerator}</td></tr>
 *   <tr><td>{@code round-robin}</td><td>nothing</td><td>per-set pointer, advanced per eviction</td><td></td></tr>
 * </table>
 *
 * <p>Unknown names fail with the list of valid ones. The table is immutable; there is no
 * run-time registration (a new policy is a new line here and a class in this package).
 */
public final class ReplacementPolicies {

    /** Builds one policy instance for a cache of {@code sets} × {@code ways}. */
    @FunctionalInterface
    interface Factory {
        ReplacementPolicy create(int sets, int ways, RandomGenerator rng);
    }

    private record Kind(boolean powerOfTwoWays, boolean needsRandom, Factory factory) {
    }

    private static final Map<String, Kind> KINDS;

    static {
        Map<String, Kind> m = new LinkedHashMap<>();
        m.put("lru", new Kind(false, false, (sets, ways, rng) -> new OrderPolicy(sets, ways, true)));
        m.put("tree-plru", new Kind(true, false, (sets, ways, rng) -> new TreePlruPolicy(sets, ways)));
        m.put("fifo", new Kind(false, false, (sets, ways, rng) -> new OrderPolicy(sets, ways, false)));
        m.put("random", new Kind(false, true, (sets, ways, rng) -> new RandomPolicy(ways, rng)));
        m.put("round-robin", new Kind(false, false, (sets, ways, rng) -> new RoundRobinPolicy(sets, ways)));
        KINDS = Collections.unmodifiableMap(m);
    }

    private ReplacementPolicies() {
    }

    /** The valid policy names, in a stable order. */
    public static List<String> names() {
        return List.copyOf(KINDS.keySet());
    }

    /**
     * The generator a cache called {@code name} with policy {@code policy} draws from: for a
     * policy that draws random numbers, one seeded by the cache's own named stream (so results
     * are reproducible and independent of every other stream); null for any other policy.
     */
    public static RandomGenerator generator(String policy, RandomStreams streams, String name) {
        return needsRandom(policy) ? new SplittableRandom(streams.stream(name).nextLong()) : null;
    }

    /** Whether {@code name} draws random numbers (and so needs a generator). */
    public static boolean needsRandom(String name) {
        return kind(name).needsRandom();
    }

    /**
     * Fails unless {@code name} is a registered policy that supports {@code ways} ways per set.
     * The message names the field ({@code policy} or {@code assoc}) and what is allowed.
     */
    public static void check(String name, int ways) {
        Kind k = kind(name);
        if (k.powerOfTwoWays() && Integer.bitCount(ways) != 1) {
            throw new IllegalArgumentException("policy '" + name + "' needs a power-of-two number of ways (assoc, or"
                    + " entries when assoc is 0), got " + ways + " ways; allowed e.g. "
                    + Integer.highestOneBit(ways) + " or " + Integer.highestOneBit(ways) * 2);
        }
    }

    /**
     * A new policy for a cache of {@code sets} × {@code ways}. {@code rng} must be a seeded
     * generator (derived from a named stream) when the policy draws random numbers, and may be
     * null otherwise; a sim-core {@code RandomStream} adapts as {@code stream::nextLong}.
     * Unseeded randomness is never created here.
     */
    public static ReplacementPolicy create(String name, int sets, int ways, RandomGenerator rng) {
        check(name, ways);
        if (sets <= 0 || ways <= 0) {
            throw new IllegalArgumentException("a cache needs at least one set and one way, got "
                    + sets + " sets × " + ways + " ways");
        }
        Kind k = kind(name);
        if (k.needsRandom() && rng == null) {
            throw new IllegalArgumentException("policy '" + name + "' needs a seeded RandomGenerator (derive one"
                    + " from a named random stream); none was given");
        }
        return k.factory().create(sets, ways, rng);
    }

    private static Kind kind(String name) {
        Kind k = name == null ? null : KINDS.get(name);
        if (k == null) {
            throw new IllegalArgumentException("policy '" + name + "' is unknown; valid policies: "
                    + String.join(", ", KINDS.keySet()));
        }
        return k;
    }
}
