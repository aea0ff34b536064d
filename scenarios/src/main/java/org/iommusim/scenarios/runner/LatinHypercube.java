package org.iommusim.scenarios.runner;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.iommusim.scenarios.schema.Experiments;

/**
 * The points of a {@code sweep.sample} section: a Latin hypercube sample (McKay, Beckman and
 * Conover 1979). Each range is cut into n equal strata (on a log scale for {@code scale: log},
 * list positions for {@code values}); every stratum of every range is used exactly once, at a
 * uniformly drawn position inside it, and the strata of different ranges are paired by
 * independent random permutations. Draws come from {@link SplittableRandom} seeded with the
 * section's seed only, so the design is reproducible and independent of the run's seed.
 */
public final class LatinHypercube {
    private LatinHypercube() {
    }

    /** The sample's points, each a map of dotted key to value text, in draw order. */
    public static List<Map<String, String>> points(Experiments.Sample s) {
        int n = s.points();
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new LinkedHashMap<>());
        }
        SplittableRandom random = new SplittableRandom(s.seed());
        for (Experiments.Range r : s.ranges()) {
            int[] strata = permutation(n, random);
            for (int i = 0; i < n; i++) {
                double u = (strata[i] + random.nextDouble()) / n;
                out.get(i).put(r.key(), value(r, u));
            }
        }
        return out;
    }

    /** The value at quantile {@code u} (in [0, 1)) of range {@code r}. */
    static String value(Experiments.Range r, double u) {
        if (!r.values().isEmpty()) {
            return r.values().get(Math.min(r.values().size() - 1, (int) (u * r.values().size())));
        }
        double x = r.scale() == Experiments.Scale.LOG
                ? Math.exp(Math.log(r.min()) + u * (Math.log(r.max()) - Math.log(r.min())))
                : r.min() + u * (r.max() - r.min());
        String text = switch (r.round()) {
            case NONE -> BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
            case INTEGER -> Long.toString(Math.round(x));
            case POWER_OF_TWO -> Long.toString(Long.highestOneBit(Math.max(1, Math.round(Math.pow(2,
                    Math.round(Math.log(x) / Math.log(2)))))));
        };
        return r.unit() == null ? text : text + r.unit();
    }

    /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
    private static int[] permutation(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
