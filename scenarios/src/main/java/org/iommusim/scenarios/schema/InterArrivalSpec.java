package org.iommusim.scenarios.schema;

import java.nio.file.Path;
import java.util.Map;
import org.iommusim.core.random.DistributionRegistry;
import org.iommusim.core.random.DistributionSpec;
import org.iommusim.scenarios.config.Key;

/**
 * An {@code interArrival} section: the time between arrivals drawn from a distribution of the
 * registry {@link DistributionRegistry} by name, with its parameters (durations such as
 * {@code 2us}, or plain numbers read as picoseconds). Absent ({@code distribution: ~}, the
 * default) the arrivals are as the section's {@code rate} and {@code poisson} say, exactly as
 * before this key existed. Checked when the model is built: an unknown parameter, a missing one,
 * or a distribution that can draw a negative gap or only zero gaps is bad input.
 */
public record InterArrivalSpec(
        @Key(doc = "Distribution of the time between arrivals, replacing rate and poisson; ~ = as they say", def = Key.NONE, choices = DISTRIBUTIONS) String distribution,
        @Key(doc = "The distribution's parameters by name; durations like 2us (plain numbers are picoseconds); list parameters comma-separated; empirical's file is a CSV relative to the scenario file") Map<String, String> parameters) {

    /** The registry of distribution families. */
    public static final String DISTRIBUTIONS = "distribution";

    /**
     * The inter-arrival distribution, or null for the rate's arrivals; an empirical {@code file} is
     * read relative to {@code baseDir} (the scenario file's folder). Throws
     * {@link IllegalArgumentException} naming what is wrong and what is allowed.
     */
    public DistributionSpec toSpec(Path baseDir) {
        DistributionSpec spec = DistributionSection.spec(distribution, parameters, baseDir);
        if (spec == null) {
            return null;
        }
        if (!(spec.lowest() >= 0) || !(spec.highest() > 0)) {
            throw new IllegalArgumentException("an inter-arrival time is at least 0 and not always 0, but "
                    + distribution + " " + parameters + " draws from " + spec.lowest() + " to " + spec.highest() + " ps");
        }
        return spec;
    }
}
