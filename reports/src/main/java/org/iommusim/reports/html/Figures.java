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
            return String.format(Locale.ROOT, "%,d", (long) d);
        }
        BigDecimal v = new BigDecimal(d).round(new MathContext(4, RoundingMode.HALF_EVEN));
        if (abs >= 1000) {
            return String.format(Locale.ROOT, "%,d", v.setScale(0, RoundingMode.HALF_EVEN).longValue());
        }
        return v.stripTrailingZeros().toPlainString();
    }
}
