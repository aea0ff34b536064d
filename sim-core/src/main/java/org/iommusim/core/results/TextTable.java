package org.iommusim.core.results;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with aligned columns: a header, a rule of dashes, then rows. Columns are
 * separated by two spaces and are left- or right-aligned; the last column is never padded and
 * no line ends in a space. Widths count code points, so {@code µs} is two wide. Lines end in
 * {@code \n}. Not thread-safe; build, render, discard.
 */
final class TextTable {
    private final String[] header;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /** {@code rightAligned[i]} right-aligns column i (numbers); the others are left-aligned. */
    TextTable(String[] header, boolean[] rightAligned) {
        if (header.length != rightAligned.length) {
            throw new IllegalArgumentException("header and alignment differ in length");
        }
        this.header = header.clone();
        this.rightAligned = rightAligned.clone();
    }

    TextTable row(String... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + header.length);
        }
        rows.add(cells.clone());
        return this;
    }

    String render() {
        int[] width = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            width[c] = len(header[c]);
            for (String[] r : rows) {
                width[c] = Math.max(width[c], len(r[c]));
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, width);
        String[] rule = new String[header.length];
        for (int c = 0; c < header.length; c++) {
            rule[c] = "-".repeat(width[c]);
        }
        line(out, rule, width);
        for (String[] r : rows) {
            line(out, r, width);
        }
        return out.toString();
    }

    private void line(StringBuilder out, String[] cells, int[] width) {
        int start = out.length();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                out.append("  ");
            }
            int pad = width[c] - len(cells[c]);
            boolean last = c == cells.length - 1;
            if (rightAligned[c]) {
                out.append(" ".repeat(pad)).append(cells[c]);
            } else {
                out.append(cells[c]);
                if (!last) {
                    out.append(" ".repeat(pad));
                }
            }
        }
        int end = out.length();
        while (end > start && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append('\n');
    }

    private static int len(String s) {
        return s.codePointCount(0, s.length());
    }
}
