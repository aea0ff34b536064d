package org.iommusim.hw.cache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.iommusim.core.random.RandomStreams;

/**
 * A list of {@link ReplacementPolicy.Type}s by name: what the schema offers as a cache's
 * {@code policy} and what a cache builds. Immutable; {@link ReplacementPolicies#BUILT_IN} is the
 * model's, {@link #with} a copy with one more entry (a test's example policy). Unknown names fail
 * with the list of valid ones.
 */
public final class PolicyRegistry {
    private final Map<String, ReplacementPolicy.Type> types = new LinkedHashMap<>();

    public PolicyRegistry(List<ReplacementPolicy.Type> types) {
        for (ReplacementPolicy.Type t : types) {
            if (this.types.putIfAbsent(t.name(), t) != null) {
                throw new IllegalArgumentException("two replacement policies are named '" + t.name() + "'");
            }
        }
    }

    /** This registry and {@code extra} after it. */
    public PolicyRegistry with(ReplacementPolicy.Type extra) {
        List<ReplacementPolicy.Type> all = new ArrayList<>(types.values());
        all.add(extra);
        return new PolicyRegistry(all);
    }

    /** The valid policy names, in registry order. */
    public List<String> names() {
        return List.copyOf(types.keySet());
    }

    /** The policy {@code name}; unknown names fail with the valid ones. */
    public ReplacementPolicy.Type type(String name) {
        ReplacementPolicy.Type t = name == null ? null : types.get(name);
        if (t == null) {
            throw new IllegalArgumentException("policy '" + name + "' is unknown; valid policies: "
                    + String.join(", ", types.keySet()));
        }
        return t;
    }

    /** Fails unless {@code name} is registered and supports {@code ways} ways per set. */
    public void check(String name, int ways) {
        String why = type(name).refuses(ways);
        if (why != null) {
            throw new IllegalArgumentException("policy '" + name + "' " + why);
        }
    }

    /**
     * The generator a cache called {@code cache} with policy {@code name} draws from: one seeded
     * by the cache's own named stream for a policy that draws random numbers, else null.
     */
    public RandomGenerator generator(String name, RandomStreams streams, String cache) {
        return type(name).drawsRandom() ? new SplittableRandom(streams.stream(cache).nextLong()) : null;
    }

    /** A new policy {@code name} for {@code sets} × {@code ways}; {@code rng} seeded when it draws random numbers. */
    public ReplacementPolicy create(String name, int sets, int ways, RandomGenerator rng) {
        check(name, ways);
        if (sets <= 0 || ways <= 0) {
            throw new IllegalArgumentException("a cache needs at least one set and one way, got "
                    + sets + " sets × " + ways + " ways");
        }
        ReplacementPolicy.Type t = type(name);
        if (t.drawsRandom() && rng == null) {
            throw new IllegalArgumentException("policy '" + name + "' needs a seeded RandomGenerator (derive one"
                    + " from a named random stream); none was given");
        }
        return t.create(sets, ways, rng);
    }
}
