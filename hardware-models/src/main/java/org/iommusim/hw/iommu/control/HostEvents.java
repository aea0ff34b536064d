package org.iommusim.hw.iommu.control;

import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;

/**
 * Counts of the events that cost host CPU, and the host CPU time split by the same categories
 * (issue 16), declared up front with stable names under {@code <prefix>.events.*} and
 * {@code <prefix>.cpu.*}. Every picosecond a {@link ControlOp} holds a core lands in exactly one
 * {@link Category}, so the categories sum to the operations' {@code cpu-time}.
 */
public final class HostEvents {
    /** Where host CPU time goes; the stable statistic name is {@code cpu.<name>}. */
    public enum Category {
        VM_EXIT("vm-exit"), EXIT_TO_USER("exit-to-user"), SYSCALL("syscall"), DMA_API("dma-api-call"),
        IOVA("iova-alloc"), PAGE_TABLE("page-table"), PINNING("pinning"), SHADOW("shadow-sync"),
        DESCRIPTORS("descriptors"), INVALIDATION_WAIT("invalidation-wait"), INTERRUPT("interrupt"),
        DRIVER("driver");

        private final String statName;

        Category(String statName) {
            this.statName = statName;
        }

        public String statName() {
            return statName;
        }
    }

    /** Why a guest operation exited the VM. */
    public enum ExitReason { IOMMU_ACCESS, VIRTIO_KICK }

    private final Counter[] cpu = new Counter[Category.values().length];
    final Counter exitsIommu;
    final Counter exitsVirtio;
    final Counter exitsToUser;
    final Counter syscalls;
    final Counter ioctlsIommufd;
    final Counter ioctlsKvmRun;
    final Counter interrupts;
    final Counter dmaApiCalls;
    final Counter iovaAllocs;
    final Counter iovaSlowPaths;
    final Counter pagesPinned;
    final Counter packets;

    HostEvents(StatsRegistry stats, String prefix) {
        for (Category c : Category.values()) {
            cpu[c.ordinal()] = stats.counter(prefix + ".cpu." + c.statName(), "ps",
                    "host core time spent on " + c.statName().replace('-', ' '));
        }
        String p = prefix + ".events.";
        exitsIommu = stats.counter(p + "vm-exits.iommu-access", "exits",
                "VM exits: a guest's access to its emulated IOMMU (trap-and-emulate)");
        exitsVirtio = stats.counter(p + "vm-exits.virtio-kick", "exits", "VM exits: a virtio-iommu request's kick");
        exitsToUser = stats.counter(p + "exits-to-user", "exits", "VM exits handled by the user-space VMM");
        syscalls = stats.counter(p + "syscalls", "syscalls", "kernel entries from user space (all ioctls here)");
        ioctlsIommufd = stats.counter(p + "ioctls.iommufd", "ioctls", "iommufd / VFIO ioctls");
        ioctlsKvmRun = stats.counter(p + "ioctls.kvm-run", "ioctls", "KVM_RUN re-entries after an exit to user space");
        interrupts = stats.counter(p + "interrupts", "interrupts",
                "host interrupts handled on a core (page requests, lazy-fill faults)");
        dmaApiCalls = stats.counter(p + "dma-api-calls", "calls", "in-kernel DMA-API map and unmap calls");
        iovaAllocs = stats.counter(p + "iova.allocs", "allocations", "IOVA allocations (DMA-API maps)");
        iovaSlowPaths = stats.counter(p + "iova.slow-paths", "allocations",
                "IOVA allocations the per-CPU caches and depot could not serve (rbtree slow path)");
        pagesPinned = stats.counter(p + "pages-pinned", "pages", "pages pinned by VFIO / iommufd maps");
        packets = stats.counter(p + "driver-packets", "packets",
                "packets or I/Os whose driver and stack work ran on a host core");
    }

    void charge(Category c, long ps) {
        cpu[c.ordinal()].add(ps);
    }

    void exit(ExitReason r) {
        (r == ExitReason.VIRTIO_KICK ? exitsVirtio : exitsIommu).increment();
    }

    /** Host core time charged to {@code c} so far. */
    public long cpu(Category c) {
        return cpu[c.ordinal()].get();
    }

    public long vmExits() {
        return exitsIommu.get() + exitsVirtio.get();
    }

    public long exitsToUser() {
        return exitsToUser.get();
    }

    public long ioctls() {
        return ioctlsIommufd.get() + ioctlsKvmRun.get();
    }

    public long iovaSlowPaths() {
        return iovaSlowPaths.get();
    }

    public long iovaAllocs() {
        return iovaAllocs.get();
    }

    public long pagesPinned() {
        return pagesPinned.get();
    }

    public long dmaApiCalls() {
        return dmaApiCalls.get();
    }

    public long interrupts() {
        return interrupts.get();
    }
}
