package org.iommusim.core.results;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Each variant's full latency histograms, merged across its replications (every recorded value
 * of every replication, not an average of percentiles), in HdrHistogram's log format: one file
 * per variant ({@code histograms/v<index>.hlog}, index in {@code stats.json}'s variant order), a
 * comment naming the variant, then one compressed histogram per statistic tagged with its name,
 * sorted by name. Same results, same bytes (no timestamps). Percentiles of the merged histogram
 * are exact for the pooled observations, where the summary's mean of per-replication
 * percentiles is not.
 */
public final class HistogramLog {
    /** The folder of the histogram logs inside a results folder. */
    public static final String FOLDER = "histograms";

    private HistogramLog() {
    }

    /** The file name of variant {@code index}'s log. */
    public static String fileName(int index) {
        return "v" + index + ".hlog";
    }

    /** Statistic name → the merge of that histogram over every replication of {@code v}. */
    public static Map<String, AbstractHistogram> merged(VariantResult v) {
        Map<String, AbstractHistogram> out = new TreeMap<>();
        parts(v).forEach((name, parts) -> out.put(name, merge(parts, new PackedHistogram(digits(parts)))));
        return out;
    }

    /** Statistic name → its buckets in each replication of {@code v} (replication order), sorted by name. */
    private static Map<String, List<HistogramBuckets>> parts(VariantResult v) {
        Map<String, List<HistogramBuckets>> out = new TreeMap<>();
        for (Replication r : v.replications()) {
            for (StatValue s : r.snapshot().values()) {
                s.buckets().ifPresent(h -> out.computeIfAbsent(s.name(), n -> new ArrayList<>(2)).add(h));
            }
        }
        return out;
    }

    private static int digits(List<HistogramBuckets> parts) {
        return parts.get(0).digits();
    }

    /**
     * {@code into} (empty, auto-resizing) with every count of {@code parts} added: the same
     * counts, total, minimum, maximum and size as {@link AbstractHistogram#add} of each part's
     * histogram, so the same encoding (HistogramLogTest compares the bytes on random histograms).
     * {@code add} grows {@code into} to a part's maximum first, then adds its buckets; this does
     * the same from the parts' non-empty buckets.
     */
    static AbstractHistogram merge(List<HistogramBuckets> parts, AbstractHistogram into) {
        for (HistogramBuckets h : parts) {
            if (h.max() > into.getHighestTrackableValue()) {
                // grow exactly as add grows (the encoding records the size): add an empty
                // array histogram whose maximum is the part's, cheap to read
                Histogram top = new Histogram(h.digits());
                top.recordValueWithCount(h.max(), 0);
                into.add(top);
            }
            h.recordInto(into);
        }
        return into;
    }

    /**
     * The statistic names of a log and, for each, its encoded line, without decoding anything:
     * a report needs a handful of a thousand devices' histograms. {@link #decode} turns one
     * line into its histogram.
     */
    public static Map<String, String> lines(String log) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : log.split("\n")) {
            if (line.startsWith("Tag=")) {
                int comma = line.indexOf(',');
                if (comma > 4) {
                    out.put(line.substring(4, comma), line);
                }
            }
        }
        return out;
    }

    /**
     * The histogram of one line from {@link #lines}; empty when the line is damaged. Decoded into
     * a plain (array) histogram: the same counts as a packed one, without the packed array's
     * repeated growth while its counts are set (most of a report's reading of the logs).
     */
    public static java.util.Optional<AbstractHistogram> decode(String line) {
        try {
            String base64 = line.substring(line.lastIndexOf(',') + 1).strip();
            byte[] bytes = java.util.Base64.getDecoder().decode(base64);
            AbstractHistogram h = Histogram.decodeFromCompressedByteBuffer(java.nio.ByteBuffer.wrap(bytes), 0);
            h.setTag(line.substring(4, line.indexOf(',')));
            return java.util.Optional.of(h);
        } catch (java.util.zip.DataFormatException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The log text of variant {@code v}; empty when it carries no histogram. Each statistic's
     * merge is made in a plain (array) histogram, encoded and dropped before the next: the same
     * bytes as a packed merge (the encoding holds counts and settings, not the storage), with one
     * statistic's counts in memory at a time.
     */
    public static String write(VariantResult v) {
        Map<String, List<HistogramBuckets>> parts = parts(v);
        if (parts.isEmpty()) {
            return "";
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8)) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            w.outputComment("iommusim merged histograms of variant: " + v.name().replace('\n', ' '));
            w.outputLogFormatVersion();
            w.outputLegend();
            for (Map.Entry<String, List<HistogramBuckets>> e : parts.entrySet()) {
                AbstractHistogram h = merge(e.getValue(), new Histogram(digits(e.getValue())));
                h.setTag(e.getKey());
                h.setStartTimeStamp(0);
                h.setEndTimeStamp(0);
                w.outputIntervalHistogram(0, 0, h, 1.0);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Reads a log written by {@link #write}: statistic name → histogram, in file order. */
    public static Map<String, AbstractHistogram> read(InputStream in) {
        Map<String, AbstractHistogram> out = new LinkedHashMap<>();
        HistogramLogReader reader = new HistogramLogReader(in);
        for (EncodableHistogram e = reader.nextIntervalHistogram(); e != null; e = reader.nextIntervalHistogram()) {
            if (e instanceof AbstractHistogram h && e.getTag() != null) {
                out.put(e.getTag(), h);
            }
        }
        return out;
    }

    /** {@link #read(InputStream)} of a whole file's bytes. */
    public static Map<String, AbstractHistogram> read(byte[] log) throws IOException {
        try (InputStream in = new java.io.ByteArrayInputStream(log)) {
            return read(in);
        }
    }
}
