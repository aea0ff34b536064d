/**
 * Model assembly: builds one replication of a scenario — functional IOASID tree, timed IOMMU,
 * memory, queues, host CPU, timed control plane, devices, control-plane workloads and the
 * {@code run.*} headline statistics — and runs warm-up and measurement. Refusals by the hardware
 * models are reported as located bad input ({@link org.iommusim.scenarios.model.Located}).
 *
 * <p>The scenario-facing extension points live here, each one class per entry and one list:
 * device presets ({@link org.iommusim.scenarios.model.DevicePreset}, listed in
 * {@link org.iommusim.scenarios.model.DevicePresets}) and control-plane workload kinds
 * ({@link org.iommusim.scenarios.model.WorkloadKind}, listed in
 * {@link org.iommusim.scenarios.model.WorkloadKinds}). {@link org.iommusim.scenarios.model.Extensions}
 * gathers them with the hardware registries (replacement policies, set indexes, address
 * patterns) and sim-core's distribution families; {@link org.iommusim.scenarios.model.ScenarioSchema}
 * reads the scenario schema and reference.yaml from it, so a new entry needs no schema edit.
 */
package org.iommusim.scenarios.model;
