package org.iommusim.reports.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.AbstractHistogram;
import org.iommusim.core.results.HistogramLog;

/**
 * The merged latency histograms of a results folder ({@code histograms/v<index>.hlog}, written by
 * the runner; {@link HistogramLog}), by variant index and statistic. Folders written before
 * histograms were saved, or by hand, have none: the charts then fall back to the percentiles in
 * {@code stats.json}. An unreadable log or line is skipped, not an error. Histograms are decoded
 * when first asked for: a thousand-device run's logs hold thousands.
 */
public final class MergedHistograms {
    /** No histograms at all. */
    public static final MergedHistograms NONE = new MergedHistograms(Map.of());

    /** Variant index → statistic → its encoded log line, decoded on first use (a report draws a few). */
    private final Map<Integer, Map<String, String>> byVariant;
    private final Map<String, Optional<AbstractHistogram>> decoded = new HashMap<>();

    private MergedHistograms(Map<Integer, Map<String, String>> byVariant) {
        this.byVariant = byVariant;
    }

    /** Reads the logs of variants 0 … {@code variants - 1} that exist in {@code dir}. */
    public static MergedHistograms read(Path dir, int variants) {
        Map<Integer, Map<String, String>> out = new HashMap<>();
        for (int i = 0; i < variants; i++) {
            Path log = dir.resolve(HistogramLog.FOLDER).resolve(HistogramLog.fileName(i));
            if (Files.isRegularFile(log)) {
                try {
                    out.put(i, HistogramLog.lines(Files.readString(log)));
                } catch (IOException | RuntimeException e) {
                    // a damaged log: the charts use the stats.json percentiles for this variant
                }
            }
        }
        return new MergedHistograms(out);
    }

    /**
     * The logs a run has just written, from their texts (variant order; an empty text is a
     * variant without a log, whose file is not written): the same as {@link #read} of the folder.
     */
    public static MergedHistograms of(List<String> logs) {
        Map<Integer, Map<String, String>> out = new HashMap<>();
        for (int i = 0; i < logs.size(); i++) {
            if (!logs.get(i).isEmpty()) {
                out.put(i, HistogramLog.lines(logs.get(i)));
            }
        }
        return new MergedHistograms(out);
    }

    /** The merged histogram of {@code stat} in variant {@code index}, when saved and not empty. */
    public synchronized Optional<AbstractHistogram> of(int index, String stat) {
        String line = byVariant.getOrDefault(index, Map.of()).get(stat);
        if (line == null) {
            return Optional.empty();
        }
        return decoded.computeIfAbsent(index + "/" + stat, k -> HistogramLog.decode(line))
                .filter(h -> h.getTotalCount() > 0);
    }

    /** The log files present, relative to the results folder. */
    public List<String> files() {
        return byVariant.keySet().stream().sorted()
                .map(i -> HistogramLog.FOLDER + "/" + HistogramLog.fileName(i)).toList();
    }
}
