package org.iommusim.reports.html;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * A tiny HTML writer: text and attribute escaping, and element helpers that escape everything
 * they are given unless the method says it takes markup. Also formats numbers for people:
 * about four significant digits, thousands separated, "–" for missing values.
 */
public final class Html {
    private final StringBuilder out = new StringBuilder(64 * 1024);

    /** Escapes text for element content and double- or single-quoted attribute values. */
    public static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A number for reading: four significant digits, integers in full, NaN as an en dash. */
    public static String number(double d) {
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

    /** Appends markup as is. */
    public Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** Appends escaped text. */
    public Html text(String text) {
        out.append(escape(text));
        return this;
    }

    /** Appends {@code <tag>escaped text</tag>}. */
    public Html element(String tag, String text) {
        out.append('<').append(tag).append('>').append(escape(text)).append("</").append(tag).append('>');
        return this;
    }

    /** Appends {@code <tag class="cls">escaped text</tag>}. */
    public Html element(String tag, String cls, String text) {
        out.append('<').append(tag).append(" class=\"").append(escape(cls)).append("\">").append(escape(text))
                .append("</").append(tag).append('>');
        return this;
    }

    /** Appends a link to a relative path with escaped text. */
    public Html link(String href, String text) {
        out.append("<a href=\"").append(escape(href)).append("\">").append(escape(text)).append("</a>");
        return this;
    }

    public Html nl() {
        out.append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
