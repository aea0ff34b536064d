package org.iommusim.hw.cpu;

/**
 * The host CPU that runs control-plane work: {@code cores} identical cores. Default 4, an
 * assumption (DESIGN.md is silent): the few cores a hypervisor's I/O path typically gets, small
 * enough that control-plane contention shows. Waiting for a core is unbounded (software never
 * drops work).
 */
public record HostCpuConfig(int cores) {
    public static final int DEFAULT_CORES = 4;

    public HostCpuConfig {
        if (cores < 1) {
            throw new IllegalArgumentException("host CPU needs at least 1 core, got " + cores);
        }
    }

    public static HostCpuConfig defaults() {
        return new HostCpuConfig(DEFAULT_CORES);
    }
}
