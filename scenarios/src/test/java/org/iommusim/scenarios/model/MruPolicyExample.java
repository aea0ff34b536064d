package org.iommusim.scenarios.model;

import java.util.random.RandomGenerator;
import org.iommusim.hw.cache.ReplacementPolicy;

/**
 * A test-only replacement policy, {@code mru} (evict the most recently used way), written as a
 * new policy is: one class declaring its {@link ReplacementPolicy.Type}. {@link ExtensionExamplesTest}
 * adds it to a registry and checks that the schema offers it; nothing else is edited.
 */
final class MruPolicyExample implements ReplacementPolicy {
    static final Type TYPE = new Type() {
        @Override
        public String name() {
            return "mru";
        }

        @Override
        public ReplacementPolicy create(int sets, int ways, RandomGenerator rng) {
            return new MruPolicyExample(sets);
        }
    };

    private final int[] newest;

    private MruPolicyExample(int sets) {
        this.newest = new int[sets];
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
        java.util.Arrays.fill(newest, 0);
    }
}
