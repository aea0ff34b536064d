package org.iommusim.core.results;

import java.util.List;
import java.util.Locale;

/**
 * How a quantity is shown to people (text listings, chart axes, report tables): a label and the
 * factor raw values are divided by, chosen so the largest value reads as a number between 1 and
 * 1000 — picoseconds as ns/µs/ms/s (never raw ps: below 1 ns reads as a fraction of a ns),
 * bytes/s as kB/s, MB/s or GB/s, bytes as KiB/MiB/GiB, events per second as k/s, M/s, and
 * dimensionless ratios (unit {@code 1} or {@code ratio}) as a percentage. Other units are shown
 * as given. Files (JSON, CSV) keep the base units; this is for display only. Pure function of
 * (unit, magnitude).
 */
public record DisplayUnit(String label, double factor) {
    /** The label of a dimensionless ratio shown as a percentage. */
    public static final String PERCENT = "%";

    private record Step(String label, double factor) {
    }

    private static final List<Step> PICOSECONDS = List.of(new Step("ns", 1e3),
            new Step("µs", 1e6), new Step("ms", 1e9), new Step("s", 1e12));
    private static final List<Step> SECONDS = List.of(new Step("ns", 1e-9), new Step("µs", 1e-6),
            new Step("ms", 1e-3), new Step("s", 1));
    private static final List<Step> BYTES = List.of(new Step("B", 1), new Step("KiB", 0x1p10),
            new Step("MiB", 0x1p20), new Step("GiB", 0x1p30), new Step("TiB", 0x1p40));
    private static final List<Step> BYTE_RATES = List.of(new Step("B/s", 1), new Step("kB/s", 1e3),
            new Step("MB/s", 1e6), new Step("GB/s", 1e9));
    private static final List<Step> RATES = List.of(new Step("/s", 1), new Step("k/s", 1e3),
            new Step("M/s", 1e6), new Step("G/s", 1e9));

    /** The unit for values of {@code unit} whose largest magnitude is {@code maxAbs}. */
    public static DisplayUnit of(String unit, double maxAbs) {
        String u = unit.trim();
        String lower = u.toLowerCase(Locale.ROOT);
        List<Step> ladder = switch (lower) {
            case "ps" -> PICOSECONDS;
            case "s" -> SECONDS;
            case "b", "bytes" -> BYTES;
            case "b/s", "bytes/s" -> BYTE_RATES;
            case "/s", "1/s", "hz" -> RATES;
            default -> null;
        };
        if (ladder != null) {
            return pick(ladder, maxAbs);
        }
        if (isRatio(u)) {
            return new DisplayUnit(PERCENT, 0.01);
        }
        if (lower.endsWith("/s") && !lower.contains(" ")) {
            DisplayUnit r = pick(RATES, maxAbs);
            String prefix = r.label.substring(0, r.label.length() - 2);
            return new DisplayUnit(prefix.isEmpty() ? u : prefix + " " + u, r.factor);
        }
        return new DisplayUnit(u, 1);
    }

    /** The unit for {@code values} of {@code unit}: scaled to their largest finite magnitude. */
    public static DisplayUnit of(String unit, double... values) {
        double max = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return of(unit, max);
    }

    /** Whether {@code unit} is a dimensionless fraction ({@code 1}, {@code ratio} or empty). */
    public static boolean isRatio(String unit) {
        String u = unit.trim();
        return u.isEmpty() || "1".equals(u) || "ratio".equalsIgnoreCase(u);
    }

    private static DisplayUnit pick(List<Step> ladder, double maxAbs) {
        Step chosen = ladder.get(0);
        if (Double.isFinite(maxAbs)) {
            for (Step s : ladder) {
                if (Math.abs(maxAbs) / s.factor >= 1) {
                    chosen = s;
                }
            }
        }
        return new DisplayUnit(chosen.label, chosen.factor);
    }

    public double apply(double raw) {
        return raw / factor;
    }

    /** Whether this is a percentage (values of a dimensionless ratio times 100). */
    public boolean percent() {
        return PERCENT.equals(label);
    }
}
