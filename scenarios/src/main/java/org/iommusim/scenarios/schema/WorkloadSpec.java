package org.iommusim.scenarios.schema;

import org.iommusim.scenarios.config.Key;
import org.iommusim.scenarios.config.Sections;

/**
 * One element of the {@code workloads} list: a control-plane workload (DESIGN §2) running
 * beside the devices. {@code kind} names a workload kind of the registry
 * {@code scenarios.model.WorkloadKinds}; each kind has its own section here (its name in camel
 * case: {@code guestPteWrites}), of which the one named by {@code kind} is used. Defaults and
 * provenance are those of the hardware-model records ({@code GuestPteWritesConfig},
 * {@code RangeInvalidationsConfig}, {@code ParentChurnConfig}).
 */
public record WorkloadSpec(
        @Key(doc = "Workload name; statistics are under wl.<name>") String name,
        @Key(doc = "Which workload", choices = KINDS) String kind,
        @Key(doc = "IOASID it works on: a bind-invalidate IOASID (guest-pte-writes, range-invalidations) or a map-unmap parent (parent-churn)") String ioasid,
        @Key(doc = "Operations arrive as a Poisson process (else at fixed intervals)", def = "false") boolean poisson,
        @Key(doc = "Time between operations drawn from a distribution instead (the kind's rate and poisson are then unused)") InterArrivalSpec interArrival,
        @Key(doc = "One section per workload kind", sections = KINDS) Sections sections) {

    /** The registry of control-plane workload kinds. */
    public static final String KINDS = "control-workload";
}
