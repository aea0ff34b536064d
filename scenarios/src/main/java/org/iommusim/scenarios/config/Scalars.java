package org.iommusim.scenarios.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.scenarios.config.FieldSpec.ScalarKind;
import org.iommusim.scenarios.config.FieldSpec.ScalarType;

/**
 * Converts scalar text to Java values by {@link ScalarKind}, checks declared ranges, and
 * produces the canonical form written to the effective configuration ({@code 4KiB},
 * {@code 1.5us}, {@code 2500000/s}). Parsing is exact where it matters: sizes and durations
 * use decimal arithmetic and reject fractions of a byte or picosecond.
 *
 * <p>Pure functions, no state. Accepts only one spelling per kind (no YAML 1.1 {@code yes},
 * no hex, no NaN or infinity) so that a typo is an error rather than a surprise.
 */
public final class Scalars {
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9][0-9_]*");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9][0-9_]*(\\.[0-9]+)?([eE][-+]?[0-9]{1,4})?");
    private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(B|KiB|MiB|GiB|TiB|PiB)?");
    private static final Pattern DURATION_TEXT = Pattern.compile(
            "([0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]{1,4})?)\\s*(ps|ns|us|\u00b5s|ms|s)");
    private static final Pattern RATE = Pattern.compile(
            "([0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]{1,4})?)\\s*(B|KiB|MiB|GiB|TiB)?\\s*/\\s*(ps|ns|us|ms|s)");
    private static final String[] SIZE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    private static final String[] TIME_UNITS = {"ps", "ns", "us", "ms", "s"};
    private static final long[] TIME_PS = {SimTime.PS, SimTime.NS, SimTime.US, SimTime.MS, SimTime.S};

    private Scalars() {
    }

    /** A value that does not parse; the message completes "key 'x': ...". */
    public static class BadValue extends Exception {
        private static final long serialVersionUID = 1L;

        public BadValue(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A value of the right form that the type cannot hold (an integer beyond 32 or 64 bits, a
     * duration beyond the simulated time range); {@code Binder} replaces the message with the
     * key's declared range when it has one, since that is the range the user may use.
     */
    public static final class OutOfRange extends BadValue {
        private static final long serialVersionUID = 1L;

        public OutOfRange(String message) {
            super(message);
        }
    }

    /** Parses {@code text} as {@code type}; the result is boxed (an enum constant for enums). */
    public static Object parse(ScalarType type, String text) throws BadValue {
        String t = text.trim();
        if (type.auto()) {
            if (AUTO.equals(t)) {
                return type.kind() == ScalarKind.INT ? (Object) (int) Key.AUTO_VALUE : (Object) Key.AUTO_VALUE;
            }
            try {
                return parseValue(type, t, text);
            } catch (OutOfRange e) {
                throw e;
            } catch (BadValue e) {
                throw new BadValue(e.getMessage() + "; or auto, to let the run choose");
            }
        }
        return parseValue(type, t, text);
    }

    /** The word a key declared with {@link Key#auto()} accepts. */
    public static final String AUTO = "auto";

    /** Whether {@code value} is the {@code auto} of a key that accepts it. */
    public static boolean isAuto(ScalarType type, Object value) {
        return type.auto() && value instanceof Number n && n.longValue() == Key.AUTO_VALUE;
    }

    private static Object parseValue(ScalarType type, String t, String text) throws BadValue {
        return switch (type.kind()) {
            case INT -> integer(t, text, BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
            case LONG -> integer(t, text, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE)).longValue();
            case DOUBLE -> decimal(t, text);
            case BOOLEAN -> bool(t, text);
            case STRING -> restricted(type, text);
            case ENUM -> enumConstant(type, t);
            case DURATION -> duration(t, text);
            case SIZE -> size(t, text);
            case RATE -> rate(t, text);
        };
    }

    /** A message if {@code value} lies outside the field's declared bounds. */
    public static Optional<String> checkRange(FieldSpec f, ScalarType type, Object value, String text) {
        if (f.min().isEmpty() && f.max().isEmpty() || !(value instanceof Number n) || isAuto(type, value)) {
            return Optional.empty();
        }
        try {
            BigDecimal v = decimalOf(n);
            boolean low = !f.min().isEmpty() && v.compareTo(decimalOf((Number) parse(type, f.min()))) < 0;
            boolean high = !f.max().isEmpty() && v.compareTo(decimalOf((Number) parse(type, f.max()))) > 0;
            return low || high ? Optional.of(": " + text.trim() + " is out of range; allowed: " + range(f.min(), f.max()))
                    : Optional.empty();
        } catch (BadValue e) {
            throw new IllegalStateException("bounds were checked when the schema was built", e);
        }
    }

    /** "1 to 64", ">= 1" or "<= 64". */
    public static String range(String min, String max) {
        if (!min.isEmpty() && !max.isEmpty()) {
            return min + " to " + max;
        }
        return min.isEmpty() ? "<= " + max : ">= " + min;
    }

    /** The canonical YAML value (Long, Double, Boolean or String) for a parsed value. */
    public static Object canonical(ScalarType type, Object value) {
        if (isAuto(type, value)) {
            return AUTO;
        }
        return switch (type.kind()) {
            case INT, LONG -> ((Number) value).longValue();
            case DOUBLE, BOOLEAN, STRING -> value;
            case ENUM -> Schema.enumName((Enum<?>) value);
            case DURATION -> formatDuration((Long) value);
            case SIZE -> formatSize((Long) value);
            case RATE -> formatRate((Double) value);
        };
    }

    private static BigInteger integer(String t, String text, BigInteger min, BigInteger max) throws BadValue {
        if (!INTEGER.matcher(t).matches()) {
            throw new BadValue(": expected an integer, got '" + text + "'");
        }
        BigInteger v = new BigInteger(t.replace("_", "").replace("+", ""));
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new OutOfRange(": " + t + " is out of range; allowed: " + min + " to " + max);
        }
        return v;
    }

    private static Double decimal(String t, String text) throws BadValue {
        if (!DECIMAL.matcher(t).matches()) {
            throw new BadValue(": expected a number like 0.5 or 1e-3, got '" + text + "'");
        }
        double d = Double.parseDouble(t.replace("_", ""));
        if (Double.isInfinite(d)) {
            throw new OutOfRange(": " + t + " is out of range for a number");
        }
        return d;
    }

    private static Boolean bool(String t, String text) throws BadValue {
        if (t.equals("true") || t.equals("false")) {
            return Boolean.valueOf(t);
        }
        throw new BadValue(": expected true or false, got '" + text + "'");
    }

    private static String restricted(ScalarType type, String text) throws BadValue {
        if (!type.allowed().isEmpty() && !type.allowed().contains(text)) {
            throw new BadValue(" has unknown value '" + text + "'" + Suggestions.tail(text, type.allowed()));
        }
        return text;
    }

    private static Object enumConstant(ScalarType type, String t) throws BadValue {
        for (Object c : type.javaType().getEnumConstants()) {
            if (Schema.enumName((Enum<?>) c).equals(t)) {
                return c;
            }
        }
        throw new BadValue(" has unknown value '" + t + "'" + Suggestions.tail(t, type.allowed()));
    }

    private static Long duration(String t, String text) throws BadValue {
        try {
            return SimTime.parse(t);
        } catch (RuntimeException e) {
            Matcher m = DURATION_TEXT.matcher(t);
            if (m.matches()) {
                BigDecimal ps = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(
                        TIME_PS[java.util.Arrays.asList(TIME_UNITS).indexOf(m.group(2).replace('\u00b5', 'u'))]));
                if (ps.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                    throw new OutOfRange(": " + t + " is out of range; allowed: 0ps to "
                            + SimTime.format(Long.MAX_VALUE) + " (simulated time is counted in picoseconds)");
                }
                if (ps.stripTrailingZeros().scale() > 0) {
                    throw new BadValue(": " + t + " is not a whole number of picoseconds (the simulator's time step)");
                }
            }
            throw new BadValue(": expected a duration like 80ns or 1.5us, got '" + text + "' (units: "
                    + String.join(", ", TIME_UNITS) + ")");
        }
    }

    private static Long size(String t, String text) throws BadValue {
        Matcher m = SIZE.matcher(t);
        if (!m.matches()) {
            throw new BadValue(": expected a size like 4096, 4KiB or 2MiB, got '" + text + "' (units: "
                    + String.join(", ", SIZE_UNITS) + ")");
        }
        int unit = m.group(2) == null ? 0 : java.util.Arrays.asList(SIZE_UNITS).indexOf(m.group(2));
        try {
            return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << (10 * unit))).longValueExact();
        } catch (ArithmeticException e) {
            if (new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << (10 * unit)))
                    .compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw new OutOfRange(": " + t + " is out of range; allowed: 0B to " + formatSize(Long.MAX_VALUE));
            }
            throw new BadValue(": " + t + " is not a whole number of bytes");
        }
    }

    private static Double rate(String t, String text) throws BadValue {
        Matcher m = RATE.matcher(t);
        if (!m.matches()) {
            throw new BadValue(": expected a rate like 10/us or 2.5GiB/s, got '" + text + "' (per: "
                    + String.join(", ", TIME_UNITS) + ")");
        }
        int sizeUnit = m.group(2) == null ? 0 : java.util.Arrays.asList(SIZE_UNITS).indexOf(m.group(2));
        int timeUnit = java.util.Arrays.asList(TIME_UNITS).indexOf(m.group(3));
        double perSecond = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << (10 * sizeUnit)))
                .multiply(BigDecimal.valueOf(SimTime.S / TIME_PS[timeUnit])).doubleValue();
        if (Double.isInfinite(perSecond)) {
            throw new OutOfRange(": " + t + " is out of range for a rate");
        }
        return perSecond;
    }

    private static BigDecimal decimalOf(Number n) {
        return n instanceof Double || n instanceof Float ? new BigDecimal(n.doubleValue()) : BigDecimal.valueOf(n.longValue());
    }

    /**
     * Canonical forms of durations already written: a scenario repeats a few values over all its
     * devices, and formatting one (decimal arithmetic, then a parse back to check it) was a tenth
     * of loading a 1,000-device scenario. Bounded; a value not kept is formatted each time.
     */
    private static final java.util.Map<Long, String> DURATIONS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int DURATIONS_KEPT = 4096;

    private static String formatDuration(long ps) {
        String known = DURATIONS.get(ps);
        if (known != null) {
            return known;
        }
        String s = SimTime.format(ps);
        String canonical = SimTime.parse(s) == ps ? s : ps + "ps";
        if (DURATIONS.size() < DURATIONS_KEPT) {
            DURATIONS.put(ps, canonical);
        }
        return canonical;
    }

    private static Object formatSize(long bytes) {
        for (int u = SIZE_UNITS.length - 1; u >= 1; u--) {
            long unit = 1L << (10 * u);
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + SIZE_UNITS[u];
            }
        }
        return bytes;
    }

    private static String formatRate(double perSecond) {
        BigDecimal bd = BigDecimal.valueOf(perSecond).stripTrailingZeros();
        String plain = bd.toPlainString();
        return (plain.length() > 24 ? bd.toString() : plain) + "/s";
    }
}
