package org.iommusim.core.random;

/**
 * The configuration of a distribution: an immutable record per family, validated when built,
 * with the stable config name the {@link DistributionRegistry} knows it by. A spec holds no
 * generator; {@link #create(RandomStream)} binds it to a stream.
 *
 * <p>A family is one class: a record implementing this interface that validates its parameters,
 * states its support, builds its sampler in {@link #create} and declares its config name and
 * parameters in a {@code static final DistributionFamily FAMILY} ({@link Exponential},
 * {@link Uniform}, {@link Deterministic}, {@link Zipf}, {@link Empirical}). One line in
 * {@link DistributionRegistry} lists it; the scenario schema and reference.yaml take the names and
 * parameters from there.
 */
public interface DistributionSpec {
    /** The stable config name of the family ({@code exponential}, {@code zipf}, ...). */
    String name();

    /** A distribution of this family drawing from {@code stream}. */
    Distribution create(RandomStream stream);

    /** The smallest value a sample can take (the lower end of the support). */
    double lowest();

    /** The largest value a sample can take with positive probability (may be infinite). */
    double highest();
}
