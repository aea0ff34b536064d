package org.iommusim.reports.html;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.results.RunWarning;
import org.iommusim.core.results.VariantResult;
import org.iommusim.reports.io.ResultsFolder;

/**
 * What the report opens with when the figures need a caveat: the run did not complete
 * ({@code stats.json} or {@code manifest.json} says {@code "complete": false}: an interrupted run keeps only its
 * finished replications) and the run's warnings ({@code stats.json}'s per-variant
 * {@code warnings}: a saturated resource, an overload), one per variant, kind and resource. Null (no
 * status box) when there is nothing to say.
 */
public record RunStatus(String headline, String incomplete, List<Warning> warnings) {
    /** One warning of one variant: its kind, the resource it concerns and what happened. */
    public record Warning(String variant, String kind, String resource, String message) {
    }

    public RunStatus {
        warnings = List.copyOf(warnings);
    }

    public boolean hasWarnings() {
        return !warnings.isEmpty();
    }

    /** The status of the run in {@code folder}, or null when it completed without warnings. */
    static RunStatus of(ResultsFolder folder) {
        boolean incomplete = !folder.results().complete()
                || folder.manifest().get("complete").map("false"::equals).orElse(false);
        List<Warning> warnings = new ArrayList<>();
        for (VariantResult v : folder.results().variants()) {
            for (RunWarning w : v.warnings()) {
                warnings.add(new Warning(v.name(), w.kind(), w.resource(), w.message()));
            }
        }
        if (!incomplete && warnings.isEmpty()) {
            return null;
        }
        String headline = incomplete ? "Incomplete run" : "Run warnings";
        String text = incomplete ? "The run was interrupted: these results hold only the replications that"
                + " finished, so confidence intervals are wider and some variants may be missing." : null;
        return new RunStatus(headline + (incomplete && !warnings.isEmpty() ? " with warnings" : ""), text, warnings);
    }
}
