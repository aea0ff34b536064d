package org.iommusim.reports.html;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Numbers for the report's readers: about four significant digits, thousands separated, "–" for missing values. */
final class Figures {
    private Figures() {
    }

    /** A number for reading: four significant digits, integers in full, NaN as an en dash. */
    static String number(double d) {
        if (Double.isNaN(d)) {
            return "–";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "∞" : "−∞";
        }
        double abs = Math.abs(d);
        if (abs != 0 && (abs < 1e-3 || abs >= 1e15)) {
            return String.format(Locale.ROOT, "%.3e", d);
        }
        if (d == Math.rint(d)) {
            return grouped((long) d);
        }
        BigDecimal v = new BigDecimal(d).round(new MathContext(4, RoundingMode.HALF_EVEN));
        if (abs >= 1000) {
            return grouped(v.setScale(0, RoundingMode.HALF_EVEN).longValue());
        }
        return v.stripTrailingZeros().toPlainString();
    }

    /**
     * {@code String.format(Locale.ROOT, "%,d", n)}: digits in groups of three separated by
     * commas, a leading '-' when negative. Without the Formatter, which parses its pattern on
     * every call (a report's tables format thousands of numbers); FiguresTest compares the two.
     */
    static String grouped(long n) {
        String digits = Long.toString(n);
        int sign = n < 0 ? 1 : 0;
        int len = digits.length() - sign;
        StringBuilder out = new StringBuilder(digits.length() + (len - 1) / 3);
        out.append(digits, 0, sign);
        for (int i = 0; i < len; i++) {
            if (i > 0 && (len - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(sign + i));
        }
        return out.toString();
    }
}
