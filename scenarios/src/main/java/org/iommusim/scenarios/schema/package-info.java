/**
 * The scenario schema: the records a scenario file binds to (each key documented with
 * {@link org.iommusim.scenarios.config.Key}, default, unit and provenance), their conversion to
 * the hardware models' configuration records, and the cross-field rules. Records are named for
 * the section they are ({@code IotlbSpec}, {@code DeviceSpec}, {@code WorkloadSpec}); sections
 * that mirror a hardware record read their defaults from its {@code defaults()}, and the
 * {@code iommu} section's from the architecture preset ({@code IommuSpec.of}, {@code hw.iommu.arch});
 * {@code ArchRules} refuses what the preset does not support. Keys that name
 * an extension ({@code policy}, {@code kind}, {@code pattern}, {@code interArrival.distribution})
 * and the per-preset and per-workload sections come from the registries
 * ({@code scenarios.model.Extensions}); {@code scenarios.model.ScenarioSchema} builds the schema
 * and the generated {@code reference.yaml}.
 */
package org.iommusim.scenarios.schema;
