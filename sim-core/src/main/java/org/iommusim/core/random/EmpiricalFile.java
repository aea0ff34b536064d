package org.iommusim.core.random;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the values (and optional weights) of an {@link Empirical} distribution from a CSV file
 * with Apache Commons CSV: the {@code file} parameter of {@code empirical}.
 *
 * <p>Format: one sample value per row in the first column — a plain number (picoseconds for a
 * duration) or a duration with a unit ({@code 80ns}, {@code 1.5us}) — and optionally a weight in
 * the second column (a finite number &gt;= 0; rows without one weigh 1). Blank lines and lines
 * starting with {@code #} are skipped. Values must be &gt;= 0 (the file describes durations or
 * other non-negative quantities). At most {@link #MAX_ROWS} rows and {@link #MAX_BYTES} bytes.
 *
 * <p>Every problem (missing or unreadable file, too large, empty, a value that is not a number or
 * is negative, a bad weight, more than two columns) is an {@link IllegalArgumentException} naming
 * the file, the row and what is allowed.
 */
public final class EmpiricalFile {
    /** The parameter of {@code empirical} naming the file. */
    public static final String PARAMETER = "file";
    /** The most rows a file may hold. */
    public static final int MAX_ROWS = 1_000_000;
    /** The largest file read, in bytes (16 MiB). */
    public static final long MAX_BYTES = 16L << 20;

    private static final String ALLOWED = "allowed: one value per row (a number >= 0 or a duration such as 80ns),"
            + " optionally followed by a weight >= 0";

    private EmpiricalFile() {
    }

    /** The {@code file} parameter as a path (a {@link Path} as the registry resolved it, or a string). */
    static Path path(Map<String, ?> params) {
        Object f = params.get(PARAMETER);
        return f instanceof Path p ? p : Path.of(f.toString().trim());
    }

    /** The empirical distribution the file describes. */
    public static Empirical read(Path file) {
        String name = "empirical file '" + file + "'";
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(name + " does not exist (a relative path is relative to the scenario"
                    + " file's folder)");
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " cannot be read: " + e.getMessage());
        }
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException(name + " has " + size + " bytes; at most " + MAX_BYTES
                    + " bytes (16 MiB) and " + MAX_ROWS + " rows are allowed");
        }
        List<Double> values = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true).get();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
            for (CSVRecord r : parser) {
                row(name + " row " + r.getRecordNumber() + " (line " + parser.getCurrentLineNumber() + ")", r, values,
                        weights);
                if (values.size() > MAX_ROWS) {
                    throw new IllegalArgumentException(name + " has more than " + MAX_ROWS + " rows; at most "
                            + MAX_ROWS + " are allowed");
                }
            }
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            if (cause instanceof CharacterCodingException) {
                throw new IllegalArgumentException(name + " is not UTF-8 text; " + ALLOWED);
            }
            throw new IllegalArgumentException(name + " cannot be read: " + cause.getMessage());
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(name + " has no values; " + ALLOWED);
        }
        try {
            return new Empirical(values, weights);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }

    private static void row(String where, CSVRecord r, List<Double> values, List<Double> weights) {
        if (r.size() > 2) {
            throw new IllegalArgumentException(where + " has " + r.size() + " columns; " + ALLOWED);
        }
        if (r.get(0).startsWith("-")) {
            throw new IllegalArgumentException(where + ": value " + r.get(0) + " is negative; " + ALLOWED);
        }
        double v;
        try {
            v = DistributionFamily.toDouble(r.get(0), "value");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": '" + r.get(0) + "' is not a number or duration; " + ALLOWED);
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(where + ": value " + r.get(0) + " is negative or not finite; " + ALLOWED);
        }
        double w = 1;
        if (r.size() == 2) {
            try {
                w = new java.math.BigDecimal(r.get(1)).doubleValue();
            } catch (NumberFormatException e) {
                w = Double.NaN;
            }
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException(where + ": weight '" + r.get(1) + "' is not a finite number >= 0; "
                        + ALLOWED);
            }
        }
        values.add(v);
        weights.add(w);
    }
}
