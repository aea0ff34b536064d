package org.iommusim.scenarios.model;

import java.util.List;
import java.util.stream.Collectors;
import org.iommusim.core.random.DistributionRegistry;
import org.iommusim.hw.cache.PolicyRegistry;
import org.iommusim.hw.cache.ReplacementPolicies;
import org.iommusim.hw.cache.ReplacementPolicy;
import org.iommusim.hw.cache.SetIndexes;
import org.iommusim.hw.device.AddressPatterns;
import org.iommusim.hw.iommu.arch.ArchPresets;
import org.iommusim.scenarios.config.Schema;
import org.iommusim.scenarios.schema.CacheShape;
import org.iommusim.scenarios.schema.DeviceSpec;
import org.iommusim.scenarios.schema.InterArrivalSpec;
import org.iommusim.scenarios.schema.IommuSpec;
import org.iommusim.scenarios.schema.WorkloadSpec;

/**
 * The extension points' registries a scenario is read and built with: replacement policies,
 * set indexes, device presets, address patterns, control-plane workload kinds and distribution
 * families (sim-core's {@link DistributionRegistry}). The schema takes allowed names and sections from here
 * ({@link Schema.Registries}), the model builds from the same lists. Immutable;
 * {@link #BUILT_IN} is the model's own (the shipped reference.yaml is generated from it),
 * {@link #INSTALLED} the same with every replacement policy registered from outside the model
 * through {@link java.util.ServiceLoader} ({@link ReplacementPolicies#INSTALLED}; what scenarios
 * are read with), the {@code with} methods a copy with one more entry.
 */
public final class Extensions implements Schema.Registries {
    /** The registry of address patterns ({@code hw.device.AddressPatterns}). */
    public static final String ADDRESS_PATTERNS = "address-pattern";
    /** The model's registries. */
    public static final Extensions BUILT_IN = new Extensions(ReplacementPolicies.BUILT_IN, DevicePresets.BUILT_IN,
            WorkloadKinds.BUILT_IN);
    /** The model's registries and the replacement policies installed through {@link java.util.ServiceLoader}. */
    public static final Extensions INSTALLED =
            ReplacementPolicies.INSTALLED.names().equals(ReplacementPolicies.BUILT_IN.names()) ? BUILT_IN
                    : new Extensions(ReplacementPolicies.INSTALLED, DevicePresets.BUILT_IN, WorkloadKinds.BUILT_IN);

    private final PolicyRegistry policies;
    private final DevicePresets presets;
    private final WorkloadKinds workloads;

    private Extensions(PolicyRegistry policies, DevicePresets presets, WorkloadKinds workloads) {
        this.policies = policies;
        this.presets = presets;
        this.workloads = workloads;
    }

    public Extensions with(ReplacementPolicy.Type policy) {
        return new Extensions(policies.with(policy), presets, workloads);
    }

    public Extensions with(DevicePreset<?> preset) {
        return new Extensions(policies, presets.with(preset), workloads);
    }

    public Extensions with(WorkloadKind<?> kind) {
        return new Extensions(policies, presets, workloads.with(kind));
    }

    public PolicyRegistry policies() {
        return policies;
    }

    public DevicePresets presets() {
        return presets;
    }

    public WorkloadKinds workloads() {
        return workloads;
    }

    @Override
    public List<String> names(String registry) {
        return switch (registry) {
            case CacheShape.POLICIES -> policies.names();
            case CacheShape.SET_INDEXES -> SetIndexes.names();
            case DeviceSpec.PRESETS -> presets.names();
            case ADDRESS_PATTERNS -> List.copyOf(AddressPatterns.names());
            case WorkloadSpec.KINDS -> workloads.names();
            case InterArrivalSpec.DISTRIBUTIONS -> List.copyOf(DistributionRegistry.standard().names());
            case IommuSpec.PRESETS -> ArchPresets.names();
            default -> throw new IllegalArgumentException("no registry '" + registry + "'");
        };
    }

    /** For distributions, each family with its parameters ({@code uniform(low, high)}, {@code empirical(values, weights | file)}). */
    @Override
    public String details(String registry) {
        if (!InterArrivalSpec.DISTRIBUTIONS.equals(registry)) {
            return "";
        }
        DistributionRegistry d = DistributionRegistry.standard();
        return d.names().stream().map(n -> n + "(" + d.forms(n).stream().map(f -> String.join(", ", f))
                .collect(Collectors.joining(" | ")) + ")").collect(Collectors.joining(", "));
    }

    @Override
    public List<Schema.SectionType> sections(String registry) {
        return switch (registry) {
            case DeviceSpec.PRESETS -> presets.sections();
            case WorkloadSpec.KINDS -> workloads.sections();
            default -> throw new IllegalArgumentException("registry '" + registry + "' has no sections");
        };
    }
}
