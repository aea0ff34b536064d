package org.iommusim.core.findings;

import java.util.List;
import org.iommusim.core.results.VariantResult;

/**
 * Where the findings engine gets a variant's resource warnings (saturated resources, unstable
 * queues). The run's detector records them on the variant's results; {@link #NONE} is for results
 * that carry none.
 *
 * <p>HOOK: when {@code VariantResult.warnings()} (a list of {@code RunWarning(kind, resource,
 * message)}) exists, {@link #RECORDED} is to read it; until then results carry no warnings and
 * {@link #RECORDED} is {@link #NONE}.
 */
@FunctionalInterface
public interface WarningSource {
    /** No warnings. */
    WarningSource NONE = v -> List.of();

    /** The warnings recorded in the results (see the class comment). */
    WarningSource RECORDED = NONE;

    /** The warnings of one variant, in the order they were raised. */
    List<ResourceWarning> of(VariantResult variant);
}
