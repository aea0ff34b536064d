package org.iommusim.core.findings;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's findings, each list already in its own order: resource warnings (variant order),
 * crossovers (headline statistics first, then by statistic), significant differences (largest
 * relative change first) and knees. {@link #ranked()} is the order a reader sees them in.
 *
 * @param headlinePrefix statistics whose names start with it are the headline ones (their
 *                       crossovers come before the differences)
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
     * Every finding in reading order: warnings, crossovers of headline statistics, differences
     * (largest first), the other crossovers, knees.
     */
    public List<Finding> ranked() {
        List<Finding> out = new ArrayList<>(warnings);
        crossovers.stream().filter(c -> c.statistic().startsWith(headlinePrefix)).forEach(out::add);
        out.addAll(differences);
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
     * there is none when the results show no significant difference.
     */
    public String text(int limit) {
        StringBuilder sb = new StringBuilder("Findings");
        List<Finding> all = ranked();
        if (all.isEmpty()) {
            return sb.append(": none (no significant difference between variants or sweep points, no warning)\n")
                    .toString();
        }
        sb.append(" (").append(all.size()).append(", largest first):\n");
        for (int i = 0; i < Math.min(limit, all.size()); i++) {
            sb.append("  - ").append(all.get(i).sentence()).append('\n');
        }
        if (all.size() > limit) {
            sb.append("  ... ").append(all.size() - limit).append(" more in findings.json\n");
        }
        return sb.toString();
    }
}
