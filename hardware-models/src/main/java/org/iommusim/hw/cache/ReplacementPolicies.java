package org.iommusim.hw.cache;

import java.util.List;
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
 * <p>{@link #BUILT_IN} is the one list: a new policy is a class in this package declaring its
 * {@link ReplacementPolicy.Type} and one line here; the scenario schema's {@code policy} keys
 * and reference.yaml take their allowed values from it. Unknown names fail with the list of
 * valid ones. Immutable; there is no run-time registration.
 */
public final class ReplacementPolicies {
    /** The model's policies, in documentation order. */
    public static final PolicyRegistry BUILT_IN = new PolicyRegistry(List.of(
            OrderPolicy.LRU,
            TreePlruPolicy.TYPE,
            OrderPolicy.FIFO,
            RandomPolicy.TYPE,
            RoundRobinPolicy.TYPE));

    private ReplacementPolicies() {
    }

    /** The valid policy names, in a stable order. */
    public static List<String> names() {
        return BUILT_IN.names();
    }

    /** {@link PolicyRegistry#generator} of the built-in registry. */
    public static RandomGenerator generator(String policy, RandomStreams streams, String name) {
        return BUILT_IN.generator(policy, streams, name);
    }

    /** Whether {@code name} draws random numbers (and so needs a generator). */
    public static boolean needsRandom(String name) {
        return BUILT_IN.type(name).drawsRandom();
    }

    /** {@link PolicyRegistry#check} of the built-in registry. */
    public static void check(String name, int ways) {
        BUILT_IN.check(name, ways);
    }

    /** {@link PolicyRegistry#create} of the built-in registry. */
    public static ReplacementPolicy create(String name, int sets, int ways, RandomGenerator rng) {
        return BUILT_IN.create(name, sets, ways, rng);
    }
}
