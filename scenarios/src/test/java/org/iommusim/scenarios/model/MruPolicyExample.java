package org.iommusim.scenarios.model;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.iommusim.hw.cache.ReplacementPolicy;

/**
 * A test-only replacement policy, {@code mru} (evict the most recently used way), written as a
 * policy from outside the model is: this one class, whose {@link Provider} the test resources'
 * {@code META-INF/services/org.iommusim.hw.cache.ReplacementPolicy$Type} names, so that
 * {@link java.util.ServiceLoader} registers it ({@code ReplacementPolicies.INSTALLED}). No list of
 * the model is edited; {@link ExtensionExamplesTest} selects it from a scenario and runs it.
 */
public final class MruPolicyExample implements ReplacementPolicy {
    private final int[] newest;

    private MruPolicyExample(int sets) {
        this.newest = new int[sets];
    }

    /** The registration {@link java.util.ServiceLoader} instantiates: name {@code mru}, any number of ways. */
    public static final class Provider implements ReplacementPolicy.Type {
        @Override
        public String name() {
            return "mru";
        }

        @Override
        public ReplacementPolicy create(int sets, int ways, RandomGenerator rng) {
            return new MruPolicyExample(sets);
        }
    }

    @Override
    public void onFill(int set, int way) {
        newest[set] = way;
    }

    @Override
    public void onHit(int set, int way) {
        newest[set] = way;
    }

    @Override
    public int victim(int set) {
        return newest[set];
    }

    @Override
    public void reset() {
        Arrays.fill(newest, 0);
    }
}
