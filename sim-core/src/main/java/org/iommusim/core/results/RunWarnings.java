package org.iommusim.core.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds a variant's {@link RunWarning}s in its summary, from the statistics a
 * {@link org.iommusim.core.resource.QueueWatch} registers for each watched resource R:
 * {@code watch.R.utilisation}, {@code watch.R.growing} (1 when the wait queue grew through
 * every quarter of the measured window), {@code watch.R.queue-mid}, {@code watch.R.queue-end}
 * and {@code watch.R.refused} (requests a full queue turned away). Over the replications (their
 * means):
 * <ul>
 *   <li>{@code growing-queue}: the queue grew to the end in at least half the replications;</li>
 *   <li>{@code saturated}: utilisation at least {@link #SATURATION} and the queue grew, or a
 *       full queue refused requests.</li>
 * </ul>
 */
public final class RunWarnings {
    /** Utilisation from which a resource with a growing or full queue is saturated. */
    public static final double SATURATION = 0.98;
    private static final String PREFIX = "watch.";
    private static final String GROWING = ".growing";

    private RunWarnings() {
    }

    /** The warnings of variant {@code variant} with {@code summary}, in the order the resources appear. */
    public static List<RunWarning> detect(String variant, Map<String, StatSummary> summary) {
        List<RunWarning> out = new ArrayList<>();
        for (String key : summary.keySet()) {
            if (!key.startsWith(PREFIX) || !key.endsWith(GROWING)) {
                continue;
            }
            String r = key.substring(PREFIX.length(), key.length() - GROWING.length());
            double growing = mean(summary, key);
            double util = mean(summary, PREFIX + r + ".utilisation");
            double mid = mean(summary, PREFIX + r + ".queue-mid");
            double end = mean(summary, PREFIX + r + ".queue-end");
            double refused = mean(summary, PREFIX + r + ".refused");
            boolean grows = growing >= 0.5;
            boolean refuses = refused > 0;
            if (util >= SATURATION && (grows || refuses)) {
                String why = grows
                        ? String.format("its wait queue grew from %s at mid-run to %s at the end", n(mid), n(end))
                        : String.format("its full wait queue turned away %s requests", n(refused));
                out.add(new RunWarning(RunWarning.SATURATED, r, String.format("%s is saturated in variant '%s': "
                        + "utilisation %.3f and %s (means over the replications); its figures describe an "
                        + "overloaded system.", r, variant, util, why)));
            }
            if (grows) {
                out.add(new RunWarning(RunWarning.GROWING_QUEUE, r, String.format("The wait queue of %s was still "
                        + "growing at the end of the run in variant '%s': %s waiting at mid-run, %s at the end "
                        + "(utilisation %.3f); the run did not reach a steady state.", r, variant, n(mid), n(end),
                        util)));
            }
        }
        return out;
    }

    private static double mean(Map<String, StatSummary> summary, String key) {
        StatSummary s = summary.get(key);
        return s == null || Double.isNaN(s.mean()) ? 0 : s.mean();
    }

    private static String n(double x) {
        return Numbers.human(x);
    }
}
