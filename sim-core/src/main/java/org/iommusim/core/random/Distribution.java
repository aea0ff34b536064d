package org.iommusim.core.random;

/**
 * A source of samples from one probability distribution, bound to a {@link RandomStream}.
 * Sampling allocates nothing, so models call it on the hot path.
 *
 * <p>Durations are drawn in picoseconds: {@link #sampleLong()} rounds a continuous sample to
 * the nearest whole number (the bias, at most 0.5 ps, is negligible at nanosecond scales).
 */
public interface Distribution {
    /** The next sample. */
    double sample();

    /** The next sample rounded to the nearest whole number (integer distributions: exact). */
    long sampleLong();

    /** The theoretical mean. */
    double mean();

    /** The configuration this distribution was created from. */
    DistributionSpec spec();
}
