package org.iommusim.core.kernel;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Simulated time: a {@code long} count of picoseconds, with parsing and formatting of human
 * units ({@code 80ns}, {@code 1.5us}, {@code 10ms}).
 *
 * <p>A {@code long} of picoseconds spans about 106 days of simulated time, far more than any
 * IOMMU run needs, and keeps every comparison on the event loop a primitive one. Parsing is
 * exact (decimal arithmetic): {@code 1.5us} is 1 500 000 ps, and a value that is not a whole
 * number of picoseconds is rejected rather than rounded.
 */
public final class SimTime {
    public static final long PS = 1L;
    public static final long NS = 1_000L;
    public static final long US = 1_000_000L;
    public static final long MS = 1_000_000_000L;
    public static final long S = 1_000_000_000_000L;

    /** Units accepted by {@link #parse}, smallest first. */
    private static final String[] UNIT_NAMES = {"ps", "ns", "us", "ms", "s"};
    private static final long[] UNIT_PS = {PS, NS, US, MS, S};

    private SimTime() {
    }

    public static long ns(double nanoseconds) {
        return Math.round(nanoseconds * NS);
    }

    public static long us(double microseconds) {
        return Math.round(microseconds * US);
    }

    /** Converts picoseconds to (fractional) seconds. */
    public static double toSeconds(long ps) {
        return ps / (double) S;
    }

    /** Converts picoseconds to (fractional) nanoseconds. */
    public static double toNanos(long ps) {
        return ps / (double) NS;
    }

    /**
     * Parses a duration such as {@code 80ns}, {@code 1.5us}, {@code 10 ms}, {@code 0}. Units:
     * ps, ns, us (or µs), ms, s. A bare {@code 0} needs no unit; any other number does.
     *
     * @throws IllegalArgumentException naming the text and the allowed units
     */
    public static long parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration; expected a number with a unit, e.g. 80ns, 1.5us, 10ms"
                    + " (units: " + String.join(", ", UNIT_NAMES) + ")");
        }
        String t = text.trim().replace('µ', 'u').replace('μ', 'u');
        int split = 0;
        while (split < t.length() && (Character.isDigit(t.charAt(split)) || t.charAt(split) == '.'
                || t.charAt(split) == '-' || t.charAt(split) == '+' || (t.charAt(split) == 'e' || t.charAt(split) == 'E') && split > 0
                && split + 1 < t.length() && (Character.isDigit(t.charAt(split + 1)) || t.charAt(split + 1) == '-'))) {
            split++;
        }
        String number = t.substring(0, split).trim();
        String unit = t.substring(split).trim().toLowerCase(Locale.ROOT);
        BigDecimal value;
        try {
            value = new BigDecimal(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: expected a number with a unit, "
                    + "e.g. 80ns, 1.5us, 10ms (units: " + String.join(", ", UNIT_NAMES) + ")");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("'" + text + "' is negative; durations must be >= 0");
        }
        if (unit.isEmpty()) {
            if (value.signum() == 0) {
                return 0;
            }
            throw new IllegalArgumentException("'" + text + "' has no unit; allowed units: "
                    + String.join(", ", UNIT_NAMES) + " (e.g. 80ns)");
        }
        for (int i = 0; i < UNIT_NAMES.length; i++) {
            if (UNIT_NAMES[i].equals(unit)) {
                BigDecimal ps = value.multiply(BigDecimal.valueOf(UNIT_PS[i]));
                try {
                    return ps.longValueExact();
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("'" + text + "' is not a whole number of picoseconds"
                            + " or exceeds the simulated time range (max " + format(Long.MAX_VALUE) + ")");
                }
            }
        }
        throw new IllegalArgumentException("'" + text + "' has unknown unit '" + unit + "'; allowed units: "
                + String.join(", ", UNIT_NAMES));
    }

    /**
     * Formats picoseconds in the largest unit that keeps the value at least 1, with up to three
     * decimals and no trailing zeros: {@code 80ns}, {@code 1.5us}, {@code 0ps}.
     */
    public static String format(long ps) {
        if (ps == 0) {
            return "0ps";
        }
        long abs = Math.abs(ps);
        int i = UNIT_PS.length - 1;
        while (i > 0 && abs < UNIT_PS[i]) {
            i--;
        }
        BigDecimal v = BigDecimal.valueOf(ps).divide(BigDecimal.valueOf(UNIT_PS[i]));
        v = v.setScale(Math.min(3, Math.max(0, v.scale())), java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
        return v.toPlainString() + UNIT_NAMES[i];
    }
}
