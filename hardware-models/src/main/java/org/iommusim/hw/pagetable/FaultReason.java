package org.iommusim.hw.pagetable;

/**
 * Why a translation failed — the one fault reason of the simulator, from the functional walk to
 * the DMA's statistics and the host fault queue. The stage that failed is reported next to it.
 *
 * <p>Each reason has two stable statistic names: {@link #statName()} counts failed translations
 * (data path and device statistics, e.g. {@code faults.no-attachment.s0}); {@link #recordName()}
 * is the reason as the host fault queue records it ({@code faultq.reason.<name>}), where a
 * missing attachment is the hardware's missing context / PASID entry ({@code no-context}).
 *
 * <p>It lives with the page tables, not with the fault queue, because the functional core
 * (which knows nothing of time) produces it.
 */
public enum FaultReason {
    /** An entry on the walk (table pointer or leaf) is not present. */
    NOT_PRESENT("not-present", "not-present"),
    /** The effective permissions do not allow the access (e.g. a write to a read-only page). */
    PERMISSION("permission", "permission"),
    /** The input address lies outside the IOASID's aperture. */
    OUT_OF_RANGE("out-of-range", "out-of-range"),
    /** No IOASID is attached for the requesting device and PASID: no context / PASID entry. */
    NO_ATTACHMENT("no-attachment", "no-context");

    private final String statName;
    private final String recordName;

    FaultReason(String statName, String recordName) {
        this.statName = statName;
        this.recordName = recordName;
    }

    /** The name in translation-fault statistics: the constant in kebab case. */
    public String statName() {
        return statName;
    }

    /** The name in the host fault queue's statistics (a missing attachment is {@code no-context}). */
    public String recordName() {
        return recordName;
    }
}
