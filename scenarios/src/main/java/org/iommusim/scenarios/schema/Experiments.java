package org.iommusim.scenarios.schema;

import java.util.List;
import java.util.Map;
import org.iommusim.scenarios.config.Key;

/**
 * The {@code variants} and {@code sweep} sections: what a run compares. A variant is a named set
 * of overrides (dotted keys, as {@code --set} takes them) applied on top of the scenario; a sweep
 * is a Cartesian product of axis values, an explicit list of points, or a sampled design (a
 * Latin hypercube over ranges, drawn with its own seed). With both, every variant runs at every
 * sweep point.
 */
public final class Experiments {
    private Experiments() {
    }

    /** One element of {@code variants}. */
    public record Variant(
            @Key(doc = "Variant name, shown in tables and charts") String name,
            @Key(doc = "Overrides: dotted key to scalar value, e.g. ioasids.vm.nesting: software") Map<String, String> set) {
    }

    /** The {@code sweep} section. */
    public record Sweep(
            @Key(doc = "Axes of a Cartesian product, the first on the charts' x axis") List<Axis> axes,
            @Key(doc = "Explicit points instead of axes: each a map of dotted key to value") List<Map<String, String>> points,
            @Key(doc = "A sampled design instead of axes or points: a Latin hypercube over ranges") Sample sample) {
    }

    /**
     * The {@code sweep.sample} section: {@code points} points of a Latin hypercube over the
     * {@code ranges} (each range cut into {@code points} equal strata, one point per stratum,
     * strata paired across ranges by random permutations), drawn from {@code seed} alone.
     */
    public record Sample(
            @Key(doc = "Points to draw; 0 = no sampled design", def = "0", unit = "points", min = "0", max = "100000") int points,
            @Key(doc = "Seed of the draw (the same seed gives the same points; independent of the run's seed)", def = "1") long seed,
            @Key(doc = "The parameters sampled, each a numeric range or a list of values") List<Range> ranges) {
    }

    /** One sampled parameter. */
    public record Range(
            @Key(doc = "Dotted key that varies, e.g. iommu.iotlb.entries") String key,
            @Key(doc = "Lower end of a numeric range", def = "0") double min,
            @Key(doc = "Upper end of a numeric range", def = "0") double max,
            @Key(doc = "How strata divide the range: linear, or log (equal ratios; min > 0)", def = "linear") Scale scale,
            @Key(doc = "Rounding of drawn numbers: none, integer, or power-of-two (nearest on a log scale)", def = "none") Round round,
            @Key(doc = "Unit appended to drawn numbers, e.g. ns or /us; ~ = plain numbers", def = Key.NONE) String unit,
            @Key(doc = "Values to pick from instead of a numeric range (strata over the list)") List<String> values) {
    }

    /** How a range is divided into strata. */
    public enum Scale { LINEAR, LOG }

    /** How a drawn number is rounded. */
    public enum Round { NONE, INTEGER, POWER_OF_TWO }

    /** One sweep axis. */
    public record Axis(
            @Key(doc = "Dotted key that varies, e.g. iommu.iotlb.entries") String key,
            @Key(doc = "Values it takes, in order", min = "1", max = "10000") List<String> values) {
    }
}
