package org.iommusim.scenarios.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.iommusim.core.results.StatisticsMarkdown;
import org.iommusim.scenarios.config.EffectiveConfig;
import org.iommusim.scenarios.schema.Scenario;
import org.iommusim.scenarios.schema.ScenarioSchema;

/**
 * The statistics reference ({@code docs/STATISTICS.md}, {@code iommusim list stats}), generated
 * from the registry of a model that registers everything: the shipped
 * {@code statistics-scenario.yaml} has one device of every preset and one workload of every
 * kind, named after their kind. A test keeps the document equal to this output.
 */
public final class StatisticsCatalog {
    private static final String RESOURCE = "/iommusim/statistics-scenario.yaml";
    private static final String INTRO = """
            Every statistic a run can report, generated from the statistics registry (do not edit by hand: \
            `./iommusim list stats` prints it; a test keeps this file equal). Names are hierarchical: \
            `run.*` headline figures, `iommu.*` the IOMMU, `mem.*` page-table memory, `invq.*` invalidation \
            queue, `faultq.*` fault queue, `pri.*` page requests, `host.*` host cores, `cp.*` control-plane \
            operations, `dev.<device>.*` each device (here devices are named after their preset: `nic`, \
            `nvme`, `gpu`, `dma`; `iommu.device<N>.*` is per requester id), `wl.<workload>.*` each \
            control-plane workload. Histograms report mean, count and percentiles; stats.json keeps every \
            field.""";

    private StatisticsCatalog() {
    }

    public static String markdown() {
        String text;
        try (InputStream in = StatisticsCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + RESOURCE);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EffectiveConfig<Scenario> c = ScenarioSchema.loader().load(text, "statistics-scenario.yaml", List.of());
        Assembly a = new Assembly(c.value(), Path.of("."), new Located(c), c.value().seed(), 0);
        return StatisticsMarkdown.fromStatistics("iommusim statistics", INTRO, a.statistics().all());
    }
}
