package org.iommusim.core.results;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.iommusim.core.stats.Statistic;

/**
 * Generates the statistics reference ({@code docs/STATISTICS.md}) from declared statistics,
 * so the document cannot drift from the code: one section per top-level name segment
 * ({@code iotlb}, {@code walk}, ...), one table row per statistic with its name, kind, unit,
 * scalar fields and description, sorted by name. Pipes and line breaks in descriptions are
 * escaped. Does not decide which statistics exist: the caller passes a registry's contents.
 */
public final class StatisticsMarkdown {
    private StatisticsMarkdown() {
    }

    /** The reference for live statistics (each is snapshotted once to learn its fields). */
    public static String fromStatistics(String title, String intro, Collection<? extends Statistic> statistics) {
        List<StatValue> values = new ArrayList<>();
        for (Statistic s : statistics) {
            values.add(s.snapshot());
        }
        return render(title, intro, values);
    }

    /**
     * The reference as Markdown: {@code # title}, the intro paragraph (may be empty), then the
     * sections. Names must be unique.
     */
    public static String render(String title, String intro, Collection<StatValue> values) {
        List<StatValue> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparing(StatValue::name));
        StringBuilder out = new StringBuilder("# ").append(title).append("\n\n");
        if (!intro.isBlank()) {
            out.append(intro.strip()).append("\n\n");
        }
        String section = null;
        String previous = null;
        for (StatValue v : sorted) {
            if (v.name().equals(previous)) {
                throw new IllegalArgumentException("statistic '" + v.name() + "' is listed twice");
            }
            previous = v.name();
            int dot = v.name().indexOf('.');
            String group = dot < 0 ? v.name() : v.name().substring(0, dot);
            if (!group.equals(section)) {
                if (section != null) {
                    out.append('\n');
                }
                section = group;
                out.append("## `").append(group).append("`\n\n");
                out.append("| statistic | kind | unit | fields | description |\n");
                out.append("|---|---|---|---|---|\n");
            }
            out.append("| `").append(v.name()).append("` | ")
                    .append(v.kind().name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(escape(v.unit())).append(" | ")
                    .append(escape(String.join(", ", v.fields().keySet()))).append(" | ")
                    .append(escape(v.description())).append(" |\n");
        }
        return out.toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
