package org.iommusim.hw.workload;

/**
 * Configuration of one control-plane workload; {@link #name()} is its registry name in
 * {@link ControlWorkloads}. Each record documents its defaults and their provenance.
 */
public sealed interface WorkloadSpec permits GuestPteWritesConfig, RangeInvalidationsConfig, ParentChurnConfig {
    String name();
}
