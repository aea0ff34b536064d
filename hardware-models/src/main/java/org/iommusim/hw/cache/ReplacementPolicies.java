package org.iommusim.hw.cache;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.random.RandomGenerator;
import org.iommusim.core.random.RandomStreams;

/**
 * The registries of replacement policies, keyed by stable configuration names:
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
 * <p>{@link #BUILT_IN} is the one list of the model's own policies: a new built-in policy is a
 * class in this package declaring its {@link ReplacementPolicy.Type} and one line here; the
 * shipped reference.yaml takes its allowed values from it.
 *
 * <p>{@link #INSTALLED} is that list plus every policy registered from outside the model
 * through {@link ServiceLoader}: a class implementing {@link ReplacementPolicy.Type} with a
 * public no-argument constructor, named in a {@code META-INF/services/}
 * {@code org.iommusim.hw.cache.ReplacementPolicy$Type} file of its jar (or test resources) on the
 * class path. They follow the built-ins in name order, so the list does not depend on class-path
 * order. Caches are built from {@link #INSTALLED} (the static methods here), and a scenario's
 * {@code policy} keys accept its names. A registered name that repeats a built-in or another
 * registered one fails when this class is first used, with a {@link PolicyNameClash} naming the
 * name and both classes (the cause of the class's initialisation error; the CLI prints its message
 * and exits with code 2). Unknown names fail with the list of valid ones. Immutable.
 */
public final class ReplacementPolicies {
    /** The model's policies, in documentation order. */
    public static final PolicyRegistry BUILT_IN = new PolicyRegistry(List.of(
            OrderPolicy.LRU,
            TreePlruPolicy.TYPE,
            OrderPolicy.FIFO,
            RandomPolicy.TYPE,
            RoundRobinPolicy.TYPE));
    /** {@link #BUILT_IN} and the policies registered through {@link ServiceLoader}, by name. */
    public static final PolicyRegistry INSTALLED = withRegistered(BUILT_IN, ReplacementPolicies.class.getClassLoader());

    private ReplacementPolicies() {
    }

    /**
     * {@code registry} followed by the {@link ReplacementPolicy.Type}s that {@code loader}'s
     * {@code META-INF/services} files register, in name order.
     */
    public static PolicyRegistry withRegistered(PolicyRegistry registry, ClassLoader loader) {
        List<ReplacementPolicy.Type> found = new ArrayList<>();
        ServiceLoader.load(ReplacementPolicy.Type.class, loader).forEach(found::add);
        found.sort(Comparator.comparing(ReplacementPolicy.Type::name));
        PolicyRegistry all = registry;
        for (ReplacementPolicy.Type t : found) {
            if (all.names().contains(t.name())) {
                ReplacementPolicy.Type taken = all.type(t.name());
                throw new PolicyNameClash(t, taken, registry.names().contains(t.name()), all.names());
            }
            all = all.with(t);
        }
        return all;
    }

    /** The valid policy names, in a stable order (built-ins, then registered ones by name). */
    public static List<String> names() {
        return INSTALLED.names();
    }

    /** {@link PolicyRegistry#generator} of the installed registry. */
    public static RandomGenerator generator(String policy, RandomStreams streams, String name) {
        return INSTALLED.generator(policy, streams, name);
    }

    /** Whether {@code name} draws random numbers (and so needs a generator). */
    public static boolean needsRandom(String name) {
        return INSTALLED.type(name).drawsRandom();
    }

    /** {@link PolicyRegistry#check} of the installed registry. */
    public static void check(String name, int ways) {
        INSTALLED.check(name, ways);
    }

    /** {@link PolicyRegistry#create} of the installed registry. */
    public static ReplacementPolicy create(String name, int sets, int ways, RandomGenerator rng) {
        return INSTALLED.create(name, sets, ways, rng);
    }
}
