package org.iommusim.hw.workload;

/**
 * The hardware-model configuration of one control-plane workload, which builds the workload it
 * configures. Each record documents its defaults and their provenance. The scenario layer's
 * workload kinds (one class each, listed once) convert a scenario section into one of these.
 */
public sealed interface WorkloadConfig permits GuestPteWritesConfig, RangeInvalidationsConfig, ParentChurnConfig,
        InvalidationCommandsConfig {
    /** The workload's name ({@code guest-pte-writes}). */
    String name();

    /** The workload, with statistics and random streams under {@code prefix}. */
    ControlWorkload create(WorkloadContext ctx, String prefix);
}
