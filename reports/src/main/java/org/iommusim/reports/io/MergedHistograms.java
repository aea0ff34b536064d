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
 * {@code stats.json}. An unreadable log is skipped, not an error.
 */
public final class MergedHistograms {
    /** No histograms at all. */
    public static final MergedHistograms NONE = new MergedHistograms(Map.of());

    private final Map<Integer, Map<String, AbstractHistogram>> byVariant;

    private MergedHistograms(Map<Integer, Map<String, AbstractHistogram>> byVariant) {
        this.byVariant = byVariant;
    }

    /** Reads the logs of variants 0 … {@code variants - 1} that exist in {@code dir}. */
    public static MergedHistograms read(Path dir, int variants) {
        Map<Integer, Map<String, AbstractHistogram>> out = new HashMap<>();
        for (int i = 0; i < variants; i++) {
            Path log = dir.resolve(HistogramLog.FOLDER).resolve(HistogramLog.fileName(i));
            if (Files.isRegularFile(log)) {
                try {
                    out.put(i, HistogramLog.read(Files.readAllBytes(log)));
                } catch (IOException | RuntimeException e) {
                    // a damaged log: the charts use the stats.json percentiles for this variant
                }
            }
        }
        return new MergedHistograms(out);
    }

    /** The merged histogram of {@code stat} in variant {@code index}, when saved and not empty. */
    public Optional<AbstractHistogram> of(int index, String stat) {
        return Optional.ofNullable(byVariant.getOrDefault(index, Map.of()).get(stat))
                .filter(h -> h.getTotalCount() > 0);
    }

    /** The log files present, relative to the results folder. */
    public List<String> files() {
        return byVariant.keySet().stream().sorted()
                .map(i -> HistogramLog.FOLDER + "/" + HistogramLog.fileName(i)).toList();
    }
}
