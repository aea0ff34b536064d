package org.iommusim.scenarios.bench;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.iommusim.core.random.Distribution;
import org.iommusim.core.random.RandomStreams;

/**
 * Exponential increments in whole picoseconds, seeded explicitly. The kernel loop and the
 * baseline loop of a benchmark each get their own sampler with the same seed, so both do
 * exactly the same random work and the ratio measures the event machinery alone.
 *
 * <p>Two sources: {@link Source#JDK} — the JDK's Xoshiro256++ with its ziggurat exponential
 * (about 4 ns a sample), which keeps the figure about the kernel — and {@link Source#STREAMS},
 * the models' own {@link RandomStreams} (Commons Math), which shows what a model pays.
 */
final class ExpSampler {
    /** Where the random numbers come from. */
    enum Source { JDK, STREAMS }

    private final RandomGenerator jdk;
    private final Distribution streams;
    private final double meanPs;

    ExpSampler(Source source, long seed, double meanPs) {
        this.meanPs = meanPs;
        if (source == Source.JDK) {
            this.jdk = RandomGeneratorFactory.of("Xoshiro256PlusPlus").create(seed);
            this.streams = null;
        } else {
            this.jdk = null;
            this.streams = new RandomStreams(seed, 0).stream("bench").exponential(meanPs);
        }
    }

    long next() {
        return jdk != null ? (long) (jdk.nextExponential() * meanPs + 0.5) : streams.sampleLong();
    }
}
