package org.iommusim.hw.iommu.control;

import org.iommusim.core.random.DistributionSpec;

/**
 * Optional distributions of the per-operation control-plane costs of a {@link CostModel}: each,
 * when set, replaces its fixed cost by a draw per charge ({@link CostDraws}). Null (the default,
 * {@link #NONE}) keeps the fixed cost with no draw. Each must draw durations &gt;= 0.
 *
 * <p>Which costs take one: those charged once per operation or per interrupt — {@code syscall}
 * (per ioctl), {@code trap} (per VM exit), {@code pageRequest} and {@code shadowFault} (per
 * interrupt) — and {@code descriptor} (one draw per invalidation descriptor; an operation writes
 * a few). The per-item costs (PTE reads and writes, per-page bookkeeping, reverse-map entries,
 * shadow writes, guest reads) stay fixed: an operation charges hundreds to thousands of them, so
 * independent draws would sum to almost exactly count × mean (their relative spread falls as
 * 1/√count) at the price of one random number per item; a per-operation spread belongs on the
 * per-operation costs.
 */
public record CostDistributions(DistributionSpec syscall, DistributionSpec trap, DistributionSpec descriptor,
                                DistributionSpec pageRequest, DistributionSpec shadowFault) {
    /** No distributions: every cost is its fixed value. */
    public static final CostDistributions NONE = new CostDistributions(null, null, null, null, null);

    public CostDistributions {
        check("syscall", syscall);
        check("trap", trap);
        check("descriptor", descriptor);
        check("page-request", pageRequest);
        check("shadow-fault", shadowFault);
    }

    private static void check(String name, DistributionSpec spec) {
        if (spec != null && !(spec.lowest() >= 0)) {
            throw new IllegalArgumentException("cost '" + name + "' is a duration >= 0, but " + spec + " draws from "
                    + spec.lowest());
        }
    }
}
