/**
 * Model assembly: builds one replication of a scenario — functional IOASID tree, timed IOMMU,
 * memory, queues, host CPU, timed control plane, devices, control-plane workloads and the
 * {@code run.*} headline statistics — and runs warm-up and measurement. Refusals by the hardware
 * models are reported as located bad input ({@link org.iommusim.scenarios.model.Located}).
 */
package org.iommusim.scenarios.model;
