package org.iommusim.core.bench;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Exponential increments in whole picoseconds, seeded explicitly. The kernel loop and the
 * baseline loop of a benchmark each get their own sampler with the same seed, so both do
 * exactly the same random work and the ratio measures the event machinery alone.
 */
final class ExpSampler {
    private final RandomGenerator rng;
    private final double meanPs;

    ExpSampler(long seed, double meanPs) {
        this.rng = RandomGeneratorFactory.of("Xoshiro256PlusPlus").create(seed);
        this.meanPs = meanPs;
    }

    long next() {
        return (long) (rng.nextExponential() * meanPs + 0.5);
    }
}
