package org.iommusim.core.results;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One value of a swept parameter as the scenario wrote it ({@code "256KiB"}, {@code "80ns"},
 * {@code "12500/s"}, {@code "0.3"}, {@code "lru"}) with the number it stands for in base units:
 * bytes for sizes (K/KiB = 1024, M/MiB, G/GiB, T/TiB), seconds for durations (ps, ns, us/µs, ms,
 * s), events per second for rates ({@code /s}, with optional k/M/G = 1000-powers), the number
 * itself for plain numbers. Anything else is {@link Dimension#CATEGORY}: a categorical axis
 * value with NaN as number. Does not know which parameter it belongs to.
 */
public record ParameterValue(String text, double value, Dimension dimension) {
    /** What kind of quantity a value is, and its base unit for axis labels. */
    public enum Dimension {
        NUMBER(""), BYTES("B"), SECONDS("s"), RATE("/s"), CATEGORY("");

        private final String baseUnit;

        Dimension(String baseUnit) {
            this.baseUnit = baseUnit;
        }

        public String baseUnit() {
            return baseUnit;
        }
    }

    private static final Pattern QUANTITY =
            Pattern.compile("([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*([A-Za-zµ/]*)");
    private static final Map<String, Double> SIZES = Map.of("b", 1.0, "k", 0x1p10, "kib", 0x1p10, "m", 0x1p20,
            "mib", 0x1p20, "g", 0x1p30, "gib", 0x1p30, "t", 0x1p40, "tib", 0x1p40);
    private static final Map<String, Double> TIMES = Map.of("ps", 1e-12, "ns", 1e-9, "us", 1e-6, "µs", 1e-6,
            "ms", 1e-3, "s", 1.0);
    private static final Map<String, Double> RATES = Map.of("/s", 1.0, "k/s", 1e3, "m/s", 1e6, "g/s", 1e9);

    public ParameterValue {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(dimension, "dimension");
    }

    public static ParameterValue parse(String text) {
        String t = text.trim();
        Matcher m = QUANTITY.matcher(t);
        if (!m.matches()) {
            return new ParameterValue(text, Double.NaN, Dimension.CATEGORY);
        }
        double number = Double.parseDouble(m.group(1));
        String suffix = m.group(2);
        if (suffix.isEmpty()) {
            return new ParameterValue(text, number, Dimension.NUMBER);
        }
        String lower = suffix.toLowerCase(Locale.ROOT);
        if (TIMES.containsKey(suffix) || TIMES.containsKey(lower) && !"m".equals(lower)) {
            Double f = TIMES.containsKey(suffix) ? TIMES.get(suffix) : TIMES.get(lower);
            return new ParameterValue(text, number * f, Dimension.SECONDS);
        }
        if (SIZES.containsKey(lower)) {
            return new ParameterValue(text, number * SIZES.get(lower), Dimension.BYTES);
        }
        if (RATES.containsKey(lower)) {
            return new ParameterValue(text, number * RATES.get(lower), Dimension.RATE);
        }
        return new ParameterValue(text, Double.NaN, Dimension.CATEGORY);
    }

    public boolean isNumeric() {
        return dimension != Dimension.CATEGORY;
    }
}
