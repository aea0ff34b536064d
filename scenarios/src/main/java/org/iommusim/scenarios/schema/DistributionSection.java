package org.iommusim.scenarios.schema;

import java.nio.file.Path;
import java.util.Map;
import org.iommusim.core.random.DistributionRegistry;
import org.iommusim.core.random.DistributionSpec;
import org.iommusim.scenarios.config.Key;

/**
 * A {@code …Distribution} section beside a fixed duration key ({@code latency} and
 * {@code latencyDistribution}, {@code issueGap} and {@code issueGapDistribution}, ...): a family
 * of the registry {@link DistributionRegistry} by name and its parameters, the same shape as
 * {@link InterArrivalSpec}. Absent ({@code distribution: ~}, the default) the fixed key's value is
 * used with no random draw, exactly as before these keys existed; present, the duration is drawn
 * per use from the family on a stream of its own. Checked when the model is built: an unknown
 * family or parameter, a missing one, a bad file, or a family that can draw a negative duration is
 * bad input naming the key and what is allowed.
 */
public record DistributionSection(
        @Key(doc = "Distribution the duration is drawn from per use, replacing the fixed value beside it; ~ = the fixed value", def = Key.NONE, choices = InterArrivalSpec.DISTRIBUTIONS) String distribution,
        @Key(doc = "The distribution's parameters by name; durations like 80ns (plain numbers are picoseconds); list parameters comma-separated; empirical's file is a CSV relative to the scenario file") Map<String, String> parameters) {

    /** No distribution: the fixed value. */
    public static final DistributionSection NONE = new DistributionSection(null, Map.of());

    public DistributionSection {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /**
     * The duration distribution, or null for the fixed value; an empirical {@code file} is read
     * relative to {@code baseDir}. Throws {@link IllegalArgumentException} naming what is wrong
     * and what is allowed.
     */
    public DistributionSpec toSpec(Path baseDir) {
        DistributionSpec spec = spec(distribution, parameters, baseDir);
        if (spec != null && !(spec.lowest() >= 0)) {
            throw new IllegalArgumentException("a duration is at least 0, but " + distribution + " " + parameters
                    + " draws from " + spec.lowest() + " ps");
        }
        return spec;
    }

    /** The spec of {@code distribution} with {@code parameters}, or null when no distribution is named. */
    static DistributionSpec spec(String distribution, Map<String, String> parameters, Path baseDir) {
        if (distribution == null) {
            if (!parameters.isEmpty()) {
                throw new IllegalArgumentException("parameters " + parameters.keySet() + " need a distribution; allowed: "
                        + String.join(", ", DistributionRegistry.standard().names()));
            }
            return null;
        }
        return DistributionRegistry.standard().spec(distribution, parameters, baseDir);
    }
}
