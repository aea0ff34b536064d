package org.iommusim.core.results;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Number formatting shared by the renderers, independent of locale and JDK version.
 * {@link #exact} is for files (JSON, CSV): full precision, reads back to the same double.
 * {@link #human} is for people: about four significant digits; {@link #display} is {@link #human}
 * with thousands separators for large magnitudes ({@code 10,639}).
 */
public final class Numbers {
    /** Integral doubles below this magnitude are written without a fraction. */
    private static final double INTEGRAL_LIMIT = 1e15;

    private Numbers() {
    }

    /**
     * The shortest decimal text that reads back to exactly {@code d}; integral values without a
     * fraction ({@code 42}, not {@code 42.0}); negative zero as {@code 0}. Returns null for NaN
     * and infinities, which JSON cannot represent. Uses Jackson's Schubfach implementation
     * rather than {@link Double#toString(double)}, whose output changed between JDK 17 and 19.
     */
    public static String exact(double d) {
        if (!Double.isFinite(d)) {
            return null;
        }
        if (d == Math.rint(d) && Math.abs(d) < INTEGRAL_LIMIT) {
            return Long.toString((long) d);
        }
        return NumberOutput.toString(d, true);
    }

    /**
     * A short form for reading: integers in full ({@code 12346}), otherwise four significant
     * digits but never fewer than the integer digits ({@code 812.5}, {@code 3.142},
     * {@code 0.01235}), tiny or huge values in scientific notation, {@code -} for NaN.
     */
    public static String human(double d) {
        if (Double.isNaN(d)) {
            return "-";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        double abs = Math.abs(d);
        if (abs >= INTEGRAL_LIMIT || abs != 0 && abs < 1e-4) {
            return String.format(Locale.ROOT, "%.3e", d);
        }
        if (d == Math.rint(d)) {
            return Long.toString((long) d);
        }
        BigDecimal v = new BigDecimal(d);
        if (abs >= 1) {
            int intDigits = v.precision() - v.scale();
            v = v.setScale(Math.max(0, 4 - intDigits), RoundingMode.HALF_EVEN);
        } else {
            v = v.round(new MathContext(4, RoundingMode.HALF_EVEN));
        }
        v = v.stripTrailingZeros();
        return v.signum() == 0 ? "0" : v.toPlainString();
    }

    /**
     * {@link #human} for values already scaled to a display unit: magnitudes of 1,000 and more
     * rounded to an integer and grouped in thousands with commas ({@code 10,639},
     * {@code 503,506,183,575}), whatever the locale.
     */
    static String display(double d) {
        if (Double.isFinite(d) && Math.abs(d) >= 1e3 && Math.abs(d) < 1e18) {
            return String.format(Locale.ROOT, "%,d", Math.round(d));
        }
        return human(d);
    }

    /**
     * An uncertainty (a confidence half-width) for reading: two significant digits
     * ({@code 0.014}, {@code 1.3}, {@code 150}), thousands grouped from 1,000 on, {@code -} for NaN.
     */
    static String displayError(double d) {
        if (!Double.isFinite(d) || d == 0) {
            return display(d);
        }
        double rounded = new BigDecimal(d).round(new MathContext(2, RoundingMode.HALF_EVEN)).doubleValue();
        return display(rounded);
    }
}
