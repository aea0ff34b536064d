package org.iommusim.scenarios.schema;

import java.util.HashSet;
import java.util.Set;
import org.iommusim.scenarios.config.ConfigRule;

/**
 * Rules of the {@code sweep} section that one key cannot express: one kind of design at a time
 * (axes, points or a sample), and a sample's ranges well formed — a numeric range with
 * {@code min <= max} (and {@code min > 0} on a log scale) or a non-empty list of values, each
 * key sampled once.
 */
final class SweepRules {
    private SweepRules() {
    }

    static void check(Scenario s, ConfigRule.Context c) {
        Experiments.Sweep sweep = s.sweep();
        Experiments.Sample sample = sweep.sample();
        int kinds = (sweep.axes().isEmpty() ? 0 : 1) + (sweep.points().isEmpty() ? 0 : 1) + (sample.points() > 0 ? 1 : 0);
        if (kinds > 1) {
            c.error("sweep", ": give one design: axes (a Cartesian product), points (explicit), or sample (a Latin"
                    + " hypercube); this one has " + kinds);
        }
        if (sample.points() == 0 && !sample.ranges().isEmpty()) {
            c.error("sweep.sample.points", ": the sample has ranges but 0 points; give the number of points to draw");
        }
        if (sample.points() > 0 && sample.ranges().isEmpty()) {
            c.error("sweep.sample.ranges", ": a sample needs at least one range (key and min/max, or values)");
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < sample.ranges().size(); i++) {
            Experiments.Range r = sample.ranges().get(i);
            String p = "sweep.sample.ranges." + i;
            if (!keys.add(r.key())) {
                c.error(p + ".key", ": '" + r.key() + "' is sampled twice; give each key one range");
            }
            if (!r.values().isEmpty()) {
                if (r.min() != 0 || r.max() != 0 || r.unit() != null || r.round() != Experiments.Round.NONE) {
                    c.error(p, ": a range with values takes no min, max, unit or round");
                }
            } else if (!(r.min() <= r.max())) {
                c.error(p + ".max", ": " + r.max() + " is below min " + r.min() + "; allowed: max >= min");
            } else if (r.scale() == Experiments.Scale.LOG && !(r.min() > 0)) {
                c.error(p + ".min", ": a log scale needs min > 0, got " + r.min());
            } else if (r.min() == 0 && r.max() == 0) {
                c.error(p, ": give min and max (a numeric range) or values");
            }
        }
    }
}
