package org.iommusim.reports.charts;

import java.util.List;
import java.util.Locale;

/**
 * How a quantity is shown on an axis: a label and the factor raw values are divided by, chosen
 * so the largest value reads as a number between 1 and 1000 (picoseconds as ns/µs/ms/s,
 * bytes/s as MB/s or GB/s, bytes as KiB/MiB/GiB). Units it does not know are shown as given;
 * a ratio (unit {@code 1}) is shown as "ratio". Pure function of (unit, magnitude).
 */
public record DisplayUnit(String label, double factor) {
    private record Step(String label, double factor) {
    }

    private static final List<Step> PICOSECONDS = List.of(new Step("ps", 1), new Step("ns", 1e3),
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
        if (ladder == null) {
            if (lower.endsWith("/s") && !lower.contains(" ")) {
                DisplayUnit r = pick(RATES, maxAbs);
                String prefix = r.label.substring(0, r.label.length() - 2);
                return new DisplayUnit(prefix.isEmpty() ? u : prefix + " " + u, r.factor);
            }
            return new DisplayUnit("1".equals(u) || u.isEmpty() ? "ratio" : u, 1);
        }
        return pick(ladder, maxAbs);
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
}
