package org.iommusim.scenarios.model;

import org.iommusim.core.random.DistributionSpec;
import org.iommusim.hw.workload.ControlWorkload;
import org.iommusim.hw.workload.WorkloadContext;

/**
 * One control-plane workload a scenario can name (the {@code kind} of a {@code workloads}
 * element): its config name, its section's record (keys under {@code workloads.<name>.<section>},
 * defaults read from the hardware model's {@code *Config.defaults}), and how it builds the
 * workload. The kinds are listed once, in {@link WorkloadKinds#BUILT_IN}; the schema and
 * reference.yaml take the names and sections from there.
 *
 * @param <S> the section record
 */
public interface WorkloadKind<S extends Record> {
    /** The config name ({@code guest-pte-writes}); its section's key is the camel-case form ({@code guestPteWrites}). */
    String name();

    /** What the workload does, one phrase (the section's documentation). */
    String doc();

    /** The section record; a static {@code defaults()} on it gives its keys' defaults. */
    Class<S> section();

    /**
     * The workload on IOASID {@code ioasid}, statistics and streams under {@code prefix}, arrivals
     * a Poisson process when {@code poisson} (else fixed intervals), or with gaps drawn from
     * {@code interArrival} when it is not null. A value the hardware record refuses throws
     * {@link IllegalArgumentException} (reported as located bad input).
     */
    ControlWorkload create(WorkloadContext ctx, String prefix, S section, int ioasid, boolean poisson,
                           DistributionSpec interArrival);
}
