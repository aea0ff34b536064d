package org.iommusim.hw.iommu.control;

/**
 * The host CPU that runs control-plane work: {@code cores} identical cores, and
 * {@code queueLimit}, how many requests may wait for a core before the control-plane
 * workloads are held back.
 *
 * <p>Defaults: 4 cores, an assumption (DESIGN.md is silent): the few cores a hypervisor's I/O
 * path typically gets, small enough that control-plane contention shows. {@code queueLimit}
 * 1024, an assumption: a kernel does not queue work without bound — a thread that issues an
 * iommufd call or a guest vCPU that traps blocks until its call returns, so the waiting work is
 * bounded by the threads and vCPUs issuing it; 1024 is far above the few tens of issuers a host
 * has, so it binds only under overload. Work the devices cause (fault records, page requests,
 * lazy fills) is never refused — hardware interrupts are not dropped — and it is bounded by the
 * devices' own in-flight limits.
 */
public record HostCpuConfig(int cores, int queueLimit) {
    public static final int DEFAULT_CORES = 4;
    public static final int DEFAULT_QUEUE_LIMIT = 1024;

    public HostCpuConfig {
        if (cores < 1) {
            throw new IllegalArgumentException("host CPU needs at least 1 core, got " + cores);
        }
        if (queueLimit < 1) {
            throw new IllegalArgumentException("host queue limit must be at least 1, got " + queueLimit);
        }
    }

    /** {@code cores} cores with the default queue limit. */
    public HostCpuConfig(int cores) {
        this(cores, DEFAULT_QUEUE_LIMIT);
    }

    public static HostCpuConfig defaults() {
        return new HostCpuConfig(DEFAULT_CORES);
    }
}
