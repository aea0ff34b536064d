package org.iommusim.core.findings;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's findings, each list already in its own order: resource warnings (variant order),
 * crossovers (headline statistics first, then by statistic), significant differences (largest
 * relative change first) and knees. {@link #ranked()} is the order a reader sees them in.
 *
 * @param headlinePrefix statistics whose names start with it are the headline ones (their
 *                       crossovers and then their differences come before the other
 *                       differences, so a run states its answer before the mechanisms' counts)
 */
public record Findings(String scenario, String headlinePrefix, List<ResourceWarning> warnings,
                       List<Crossover> crossovers, List<Difference> differences, List<Knee> knees) {
    public Findings {
        warnings = List.copyOf(warnings);
        crossovers = List.copyOf(crossovers);
        differences = List.copyOf(differences);
        knees = List.copyOf(knees);
    }

    /**
     * Every finding in reading order: warnings, crossovers of headline statistics, differences of
     * headline statistics (largest first), the other differences (largest first), the other
     * crossovers, knees. Headline differences lead because the other statistics are mostly the
     * mechanisms' own counts, which are "new" (infinitely large relative to a reference of 0)
     * whenever one variant has a mechanism the other lacks.
     */
    public List<Finding> ranked() {
        List<Finding> out = new ArrayList<>(warnings);
        crossovers.stream().filter(c -> c.statistic().startsWith(headlinePrefix)).forEach(out::add);
        differences.stream().filter(d -> d.statistic().startsWith(headlinePrefix)).forEach(out::add);
        differences.stream().filter(d -> !d.statistic().startsWith(headlinePrefix)).forEach(out::add);
        crossovers.stream().filter(c -> !c.statistic().startsWith(headlinePrefix)).forEach(out::add);
        out.addAll(knees);
        return out;
    }

    public boolean isEmpty() {
        return warnings.isEmpty() && crossovers.isEmpty() && differences.isEmpty() && knees.isEmpty();
    }

    /**
     * The first {@code limit} findings as text, one sentence a line under a {@code Findings}
     * heading, with a last line saying how many more {@code findings.json} holds; a line saying
     * there is none when the results show no significant difference. A statistic that differs
     * between the same two variants at several sweep points is listed once, at its largest
     * difference, saying at how many more points it also differs.
     */
    public String text(int limit) {
        StringBuilder sb = new StringBuilder("Findings");
        List<Finding> all = ranked();
        if (all.isEmpty()) {
            return sb.append(": none (no significant difference between variants or sweep points, no warning)\n")
                    .toString();
        }
        sb.append(" (").append(all.size()).append(", largest first):\n");
        java.util.Map<String, Integer> points = new java.util.HashMap<>();
        for (Difference d : differences) {
            points.merge(seriesKey(d), 1, Integer::sum);
        }
        java.util.Set<String> shown = new java.util.HashSet<>();
        int lines = 0;
        for (Finding f : all) {
            if (lines == limit) {
                break;
            }
            String more = "";
            if (f instanceof Difference d) {
                if (!shown.add(seriesKey(d))) {
                    continue;
                }
                int others = points.get(seriesKey(d)) - 1;
                more = others == 0 ? "" : " (and at " + others + " more point" + (others == 1 ? "" : "s") + ")";
            }
            sb.append("  - ").append(f.sentence()).append(more).append('\n');
            lines++;
        }
        if (all.size() > lines) {
            sb.append("  ... ").append(all.size() - lines).append(" more in findings.json\n");
        }
        return sb.toString();
    }

    private static String seriesKey(Difference d) {
        return d.statistic() + "\u0000" + d.a() + "\u0000" + d.b();
    }
}
