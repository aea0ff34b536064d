package org.iommusim.core.findings;

import org.iommusim.core.results.DisplayUnit;
import java.util.Locale;
import org.iommusim.core.results.Numbers;

/**
 * How findings write numbers for people: picoseconds as the largest time unit that keeps the
 * value at or above 1 ({@code 3.5 µs}), bytes and bytes per second with decimal prefixes
 * ({@code 41.5 GB/s}), other large values with a decimal prefix before the unit, ratios bare;
 * relative changes as signed percentages with two significant digits ({@code +59 %}); p-values
 * to three decimals, or {@code p < 0.001}.
 */
final class Format {
    private static final String[] PREFIXES = {"", "k", "M", "G", "T", "P"};

    private Format() {
    }

    static String value(double v, String unit) {
        if (!Double.isFinite(v)) {
            return Numbers.human(v);
        }
        if ("ps".equals(unit)) {
            // never raw picoseconds (0 reads "0 ns"): the same ladder as every other text output
            DisplayUnit du = DisplayUnit.of("ps", Math.abs(v));
            return Numbers.human(du.apply(v)) + " " + du.label();
        }
        String u = switch (unit) {
            case "bytes" -> "B";
            case "bytes/s" -> "B/s";
            case "1/s" -> "/s";
            default -> unit;
        };
        int i = 0;
        double x = v;
        while (i < PREFIXES.length - 1 && Math.abs(x) >= 10_000) {
            x /= 1000;
            i++;
        }
        boolean bare = u.isEmpty() || "1".equals(u) || "ratio".equals(u);
        String prefix = PREFIXES[i];
        if (bare) {
            return Numbers.human(x) + prefix;
        }
        return Numbers.human(x) + " " + prefix + u;
    }

    static String percent(double relative) {
        if (Double.isInfinite(relative)) {
            return relative > 0 ? "new" : "gone";
        }
        if (Double.isNaN(relative)) {
            return "-";
        }
        double pc = relative * 100;
        double abs = Math.abs(pc);
        String body = abs >= 10 ? String.format(Locale.ROOT, "%.0f", abs)
                : abs >= 1 ? String.format(Locale.ROOT, "%.1f", abs) : String.format(Locale.ROOT, "%.2f", abs);
        return (pc < 0 ? "-" : "+") + body + " %";
    }

    static String halfWidthPercent(double relative) {
        String p = percent(relative);
        return p.startsWith("+") ? p.substring(1) : p;
    }

    /** A swept key as sentences name it: its last segment ({@code fractionPerSecond}). */
    static String axis(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    /** " with k=v ..." naming the other axes held fixed, or nothing. */
    static String others(String others) {
        return others.isEmpty() ? "" : " with " + others;
    }

    static String p(double p) {
        return p < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", p);
    }
}
