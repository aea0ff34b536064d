package org.iommusim.scenarios.schema;

import static org.iommusim.scenarios.config.Key.Kind.DURATION;

import java.util.function.BiFunction;
import org.iommusim.core.random.DistributionSpec;
import org.iommusim.hw.iommu.control.CostDistributions;
import org.iommusim.hw.iommu.control.CostModel;
import org.iommusim.hw.iommu.control.HostCpuConfig;
import org.iommusim.hw.iommu.control.PathConfig;
import org.iommusim.hw.iommu.control.ViommuMode;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.scenarios.config.Key;

/**
 * The {@code host} section: the cores that run control-plane work, what each item of that work
 * costs, and when unmaps invalidate. Defaults are {@link HostCpuConfig#defaults()},
 * {@link CostModel#defaults()} and strict unmaps; the cost provenance is in {@link CostModel}.
 */
public record HostSpec(
        @Key(doc = "Host cores running control-plane work (an assumption: the few cores an I/O path gets)", def = "4", unit = "cores", min = "1", max = "4096") int cores,
        @Key(doc = "Requests that may wait for a host core before control-plane workloads are held back (back-pressure: wl.<name>.refused, cp.refused); an assumption, see docs/CALIBRATION.md", def = "1024", unit = "requests", min = "1", max = "1048576") int queueLimit,
        @Key(doc = "How a guest's vIOMMU operations reach the host: trap-user (VM exit + exit to the user-space VMM + iommufd ioctl), trap-kernel (VM exit, in-kernel emulation), sidecore (a dedicated polling core, no exits), hw-queue (Arm VCMDQ / AMD hardware vIOMMU: invalidations reach the IOMMU without an exit; hardware nesting only), virtio-iommu (map/unmap requests: exit + VMM + VFIO map with pinning)", def = "trap-user") ViommuMode viommu,
        @Key(doc = "CPU time per item of control-plane work") Costs costs,
        @Key(doc = "When an unmap's IOTLB invalidation happens") Unmap unmap) {

    /** The {@code host.costs} section (assumptions of the right order for a current x86 server). */
    public record Costs(
            @Key(doc = "One iommufd ioctl: syscall entry/exit with mitigations, fd and object lookups", def = "500ns", kind = DURATION, min = "0ps", max = "1s") long syscall,
            @Key(doc = "Draw each ioctl's syscall cost from a distribution instead of syscall") DistributionSection syscallDistribution,
            @Key(doc = "One VM exit and re-entry emulating a vIOMMU access", def = "2us", kind = DURATION, min = "0ps", max = "1s") long trap,
            @Key(doc = "Draw each VM exit's cost from a distribution instead of trap") DistributionSection trapDistribution,
            @Key(doc = "One page-table entry read in software (cache-resident)", def = "10ns", kind = DURATION, min = "0ps", max = "1s") long pteRead,
            @Key(doc = "One page-table entry written", def = "20ns", kind = DURATION, min = "0ps", max = "1s") long pteWrite,
            @Key(doc = "Per-page bookkeeping of a map (pinning, accounting, IOVA tree)", def = "200ns", kind = DURATION, min = "0ps", max = "1s") long mapPage,
            @Key(doc = "Per-page bookkeeping of an unmap (unpinning, IOVA tree)", def = "150ns", kind = DURATION, min = "0ps", max = "1s") long unmapPage,
            @Key(doc = "One reverse-map lookup or update", def = "50ns", kind = DURATION, min = "0ps", max = "1s") long rmapEntry,
            @Key(doc = "One shadow entry written", def = "20ns", kind = DURATION, min = "0ps", max = "1s") long shadowWrite,
            @Key(doc = "One guest PTE read during a shadow sync, with the GPA-to-host lookup", def = "50ns", kind = DURATION, min = "0ps", max = "1s") long guestRead,
            @Key(doc = "Writing one invalidation descriptor and its doorbell share", def = "100ns", kind = DURATION, min = "0ps", max = "1s") long descriptor,
            @Key(doc = "Draw each descriptor's cost from a distribution instead of descriptor") DistributionSection descriptorDistribution,
            @Key(doc = "CPU time per invalidation wait when the queue is not simulated; 0 = the operation holds its core until the simulated wait completes", def = "0ps", kind = DURATION, min = "0ps", max = "1s", name = "wait") long waitTime,
            @Key(doc = "Host share of one page request group (PRI): interrupt, page-request queue reads, dispatch, the one group response; the map of each of its pages is priced on top (an assumption)", def = "2us", kind = DURATION, min = "0ps", max = "1s") long pageRequest,
            @Key(doc = "Draw each page request group's host share from a distribution instead of pageRequest") DistributionSection pageRequestDistribution,
            @Key(doc = "Host share of one lazy shadow fill: the IOMMU fault interrupt and finding the IOASID and address; the fill's guest reads and shadow writes are priced on top (an assumption)", def = "1us", kind = DURATION, min = "0ps", max = "1s") long shadowFault,
            @Key(doc = "Draw each lazy shadow fill's host share from a distribution instead of shadowFault") DistributionSection shadowFaultDistribution,
            @Key(doc = "One in-kernel DMA-API map or unmap call chain, without its IOVA allocation and PTE writes (an assumption)", def = "100ns", kind = DURATION, min = "0ps", max = "1s") long dmaCall,
            @Key(doc = "One IOVA allocation or free served by the per-CPU rcache magazines (an assumption)", def = "50ns", kind = DURATION, min = "0ps", max = "1s") long iovaAlloc,
            @Key(doc = "One IOVA allocation the magazines cannot serve: the global rbtree under its lock (an assumption)", def = "500ns", kind = DURATION, min = "0ps", max = "1s") long iovaSlowPath,
            @Key(doc = "A VM exit handled in user space on top of host.costs.trap: return from KVM_RUN, the VMM's dispatch and emulation, the re-entry (an assumption)", def = "2us", kind = DURATION, min = "0ps", max = "1s") long exitToUser) {

        /**
         * The per-operation cost distributions; {@code resolve} turns the section of key
         * {@code <name>Distribution} into its spec (null: the fixed cost). The per-item costs stay
         * fixed ({@link CostDistributions} says why).
         */
        public CostDistributions distributions(BiFunction<String, DistributionSection, DistributionSpec> resolve) {
            return new CostDistributions(resolve.apply("syscallDistribution", syscallDistribution),
                    resolve.apply("trapDistribution", trapDistribution),
                    resolve.apply("descriptorDistribution", descriptorDistribution),
                    resolve.apply("pageRequestDistribution", pageRequestDistribution),
                    resolve.apply("shadowFaultDistribution", shadowFaultDistribution));
        }

        public CostModel toConfig() {
            return new CostModel(syscall, trap, pteRead, pteWrite, mapPage, unmapPage, rmapEntry, shadowWrite, guestRead,
                    descriptor, waitTime, pageRequest, shadowFault);
        }
    }

    /** The {@code host.unmap} section (Linux iommu.strict and its flush queue). */
    public record Unmap(
            @Key(doc = "strict: an unmap waits for its invalidation (iommu.strict=1); lazy: invalidations wait in a flush queue", def = "strict", values = {"strict", "lazy"}) String policy,
            @Key(doc = "Flush-queue entries that trigger a drain (Linux IOVA_FQ_SIZE)", def = "256", unit = "invalidations", min = "1", max = "1048576") int batch,
            @Key(doc = "Drain the flush queue this long after its oldest entry; 0 = no deferral (Linux IOVA_FQ_TIMEOUT)", def = "10ms", kind = DURATION, min = "0ps", max = "10s") long flushTimeout) {

        public UnmapPolicy toConfig() {
            return "strict".equals(policy) ? UnmapPolicy.strictPolicy() : UnmapPolicy.lazy(batch, flushTimeout);
        }
    }

    /** The software paths: the vIOMMU mode and the DMA-API and exit costs. */
    public PathConfig paths() {
        return new PathConfig(viommu, costs.dmaCall(), costs.iovaAlloc(), costs.iovaSlowPath(), costs.exitToUser());
    }

    public HostCpuConfig cpu() {
        return new HostCpuConfig(cores, queueLimit);
    }
}
