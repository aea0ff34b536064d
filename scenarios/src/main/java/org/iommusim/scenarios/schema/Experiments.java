package org.iommusim.scenarios.schema;

import java.util.List;
import java.util.Map;
import org.iommusim.scenarios.config.Key;

/**
 * The {@code variants} and {@code sweep} sections: what a run compares. A variant is a named set
 * of overrides (dotted keys, as {@code --set} takes them) applied on top of the scenario; a sweep
 * is a Cartesian product of axis values, or an explicit list of points. With both, every variant
 * runs at every sweep point.
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
            @Key(doc = "Explicit points instead of axes: each a map of dotted key to value") List<Map<String, String>> points) {
    }

    /** One sweep axis. */
    public record Axis(
            @Key(doc = "Dotted key that varies, e.g. iommu.iotlb.entries") String key,
            @Key(doc = "Values it takes, in order", min = "1", max = "10000") List<String> values) {
    }
}
