package org.iommusim.scenarios.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.iommusim.core.results.StatValue;
import org.iommusim.core.results.StatisticsMarkdown;
import org.iommusim.core.stats.Statistic;
import org.iommusim.scenarios.config.EffectiveConfig;
import org.iommusim.scenarios.schema.DeviceSpec;
import org.iommusim.hw.iommu.inval.QueueFormats;
import org.iommusim.scenarios.schema.Scenario;
import org.iommusim.scenarios.schema.WorkloadSpec;

/**
 * The statistics reference ({@code docs/STATISTICS.md}, {@code iommusim list stats}), generated
 * from the registry of a model that registers everything: the shipped
 * {@code statistics-scenario.yaml} has one device of every preset and one workload of every
 * kind, named after their kind, PRI and ATS on, and runs briefly — once per invalidation-queue
 * format, since each architecture's queue names its own commands — so that statistics registered
 * on first use exist too; per-requester-id and per-IOASID names are listed once as patterns
 * ({@code iommu.device<N>.latency}, {@code iommu.faults.reported-to-owner.ioasid<N>}). Tests keep
 * the document equal to this output and check that every statistic a catalog scenario emits is
 * listed ({@link #lists}).
 */
public final class StatisticsCatalog {
    private static final String RESOURCE = "/iommusim/statistics-scenario.yaml";
    private static final String INTRO = """
            Every statistic a run can report, generated from the statistics registry (do not edit by hand: \
            `./iommusim list stats` prints it; a test keeps this file equal). Names are hierarchical: \
            `run.*` headline figures, `iommu.*` the IOMMU, `mem.*` page-table memory, `invq.*` invalidation \
            queue, `faultq.*` fault queue, `pri.*` page requests, `host.*` host cores, `cp.*` control-plane \
            operations, `dev.<device>.*` each device (here devices are named after their preset: `nic`, \
            `nvme`, `gpu`, `dma`; `iommu.device<N>.*` and `iommu.atc.device<N>.*` are per requester id N, \
            `*.ioasid<N>` per IOASID id N), \
            `wl.<workload>.*` each \
            control-plane workload. Histograms report mean, count and percentiles; stats.json keeps every \
            field.""";

    /** A requester id inside a statistic's name ({@code iommu.device3.latency}, {@code iommu.atc.device3.hits}). */
    private static final Pattern DEVICE_ID = Pattern.compile("\\.device[0-9]+(?=\\.)");
    private static final Pattern DEVICE_IN_TEXT = Pattern.compile("\\bdevice [0-9]+\\b");
    /** An IOASID id ending a statistic's name ({@code iommu.faults.reported-to-owner.ioasid2}). */
    private static final Pattern IOASID_ID = Pattern.compile("\\.ioasid[0-9]+$");
    private static final Pattern IOASID_IN_TEXT = Pattern.compile("\\bIOASID [0-9]+\\b");

    private StatisticsCatalog() {
    }

    /** The listed statistics, computed once. */
    private static final class Listed {
        static final Map<String, StatValue> VALUES = listed();
    }

    public static String markdown() {
        return StatisticsMarkdown.render("iommusim statistics", INTRO, Listed.VALUES.values());
    }

    /**
     * Whether the statistic {@code name} of a run of {@code s} is listed: its device and workload
     * names stand for their kinds ({@code dev.nic0.rx-packets} is listed as {@code dev.nic.rx-packets}),
     * requester ids for {@code <N>}.
     */
    public static boolean lists(Scenario s, String name) {
        String n = pattern(name);
        for (DeviceSpec d : s.devices()) {
            n = rename(n, "dev." + d.name() + ".", "dev." + d.kind() + ".");
        }
        for (WorkloadSpec w : s.workloads()) {
            n = rename(n, "wl." + w.name() + ".", "wl." + w.kind() + ".");
        }
        return Listed.VALUES.containsKey(n);
    }

    private static String rename(String name, String from, String to) {
        return name.startsWith(from) ? to + name.substring(from.length()) : name;
    }

    /** {@code name} with requester ids and IOASID ids as {@code <N>}. */
    static String pattern(String name) {
        return IOASID_ID.matcher(DEVICE_ID.matcher(name).replaceAll(".device<N>")).replaceAll(".ioasid<N>");
    }

    /**
     * What the statistics scenario registers once it has run (some statistics register on first
     * use), by name, per-requester-id statistics once each as a pattern.
     */
    private static Map<String, StatValue> listed() {
        String text;
        try (InputStream in = StatisticsCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + RESOURCE);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, StatValue> out = new TreeMap<>();
        for (QueueFormats format : QueueFormats.values()) { // each architecture names its own commands
            EffectiveConfig<Scenario> c = ScenarioSchema.loader().load(text, "statistics-scenario.yaml",
                    List.of("iommu.invalidationQueue.format=" + format.configName()));
            Assembly a = new Assembly(c.value(), Path.of("."), new Located(c), c.value().seed(), 0);
            a.run();
            list(a, out);
        }
        return Collections.unmodifiableMap(out);
    }

    private static void list(Assembly a, Map<String, StatValue> out) {
        for (Statistic s : a.statistics().all()) {
            StatValue v = s.snapshot();
            String name = pattern(v.name());
            if (!name.equals(v.name())) {
                StatValue.Builder b = StatValue.builder(name, v.kind(), v.unit(),
                        IOASID_IN_TEXT.matcher(DEVICE_IN_TEXT.matcher(v.description()).replaceAll("device <N>"))
                                .replaceAll("IOASID <N>"));
                v.fields().keySet().forEach(f -> b.field(f, 0));
                v = b.build();
            }
            out.putIfAbsent(name, v);
        }
    }
}
