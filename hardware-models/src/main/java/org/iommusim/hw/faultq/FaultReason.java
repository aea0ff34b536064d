package org.iommusim.hw.faultq;

/**
 * Why a DMA faulted, as the fault queue records it. Local to this package on purpose: the
 * integration maps the functional core's reasons onto these (its "no attachment" is
 * {@link #NO_CONTEXT}). Each has a stable statistic name.
 */
public enum FaultReason {
    /** An entry on the walk (table pointer or leaf) is not present. */
    NOT_PRESENT("not-present"),
    /** The effective permissions forbid the access (e.g. a write to a read-only page). */
    PERMISSION("permission"),
    /** The address lies outside the address space's aperture. */
    OUT_OF_RANGE("out-of-range"),
    /** No context / PASID entry: nothing is attached for the requester and PASID. */
    NO_CONTEXT("no-context");

    private final String statName;

    FaultReason(String statName) {
        this.statName = statName;
    }

    public String statName() {
        return statName;
    }
}
