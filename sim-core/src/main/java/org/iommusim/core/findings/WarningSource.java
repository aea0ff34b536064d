package org.iommusim.core.findings;

import java.util.List;
import org.iommusim.core.results.RunWarning;
import org.iommusim.core.results.VariantResult;

/**
 * Where the findings engine gets a variant's resource warnings (saturated resources, queues
 * still growing). {@link #RECORDED} reads the {@link RunWarning}s the run's detector recorded on
 * the variant's results ({@link VariantResult#warnings()}); {@link #NONE} ignores them.
 */
@FunctionalInterface
public interface WarningSource {
    /** No warnings. */
    WarningSource NONE = v -> List.of();

    /** The warnings recorded in the results, in the order they were raised. */
    WarningSource RECORDED = v -> v.warnings().stream()
            .map(w -> new ResourceWarning(v.name(), w.kind(), w.resource(), w.message())).toList();

    /** The warnings of one variant, in the order they were raised. */
    List<ResourceWarning> of(VariantResult variant);
}
