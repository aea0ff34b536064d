package org.iommusim.hw.iommu.control;

import org.iommusim.core.kernel.SimTime;

/**
 * CPU time per item of control-plane work, in picoseconds. Every cost is a scenario parameter.
 *
 * <p>No surveyed simulator charges these costs, and few are published per item, so most
 * defaults are <em>assumptions</em> of the right order for a current x86 server, chosen so a
 * scenario can be calibrated item by item:
 * <ul>
 *   <li>{@code syscallPs} = 500 ns: a null syscall costs about 0.1 µs without and a few tenths
 *       with speculative-execution mitigations; an iommufd ioctl adds the fd lookup, the
 *       argument copy and object lookups.</li>
 *   <li>{@code trapPs} = 2 µs: a VM exit and re-entry handled in the host kernel takes on the
 *       order of 1 µs (a thousand or more cycles of hardware transition plus KVM dispatch);
 *       emulating a vIOMMU register or queue write adds decode and emulation. A trap forwarded
 *       to a user-space VMM costs several times more — raise it to model that.</li>
 *   <li>{@code pteReadPs} = 10 ns: one entry of a software walk; page tables are mostly
 *       cache-resident, so an L2/LLC hit rather than DRAM.</li>
 *   <li>{@code pteWritePs} = 20 ns: one table entry written (with the read-modify-write of the
 *       line; no cache flush — a coherent IOMMU is assumed).</li>
 *   <li>{@code mapPagePs} = 200 ns and {@code unmapPagePs} = 150 ns: per-page bookkeeping of
 *       map / unmap beyond the PTE writes (page pinning and accounting on map, unpinning on
 *       unmap, IOVA-tree updates).</li>
 *   <li>{@code rmapEntryPs} = 50 ns: one reverse-map lookup or update (a hash probe with a
 *       cache miss or two).</li>
 *   <li>{@code shadowWritePs} = 20 ns: one shadow entry written (as {@code pteWritePs}).</li>
 *   <li>{@code guestReadPs} = 50 ns: one guest PTE read during a shadow sync, including the
 *       guest-physical to host-virtual lookup (memslot) and a likely cache miss.</li>
 *   <li>{@code descriptorPs} = 100 ns: writing one invalidation descriptor and its share of the
 *       tail doorbell (a posted MMIO write).</li>
 *   <li>{@code waitPs} = 1 µs: the CPU time spent waiting for one invalidation wait when the
 *       invalidation queue itself is not simulated (published analyses of Linux strict unmap
 *       put a synchronous invalidation at the order of a microsecond). When the queue is
 *       simulated, set it to 0 and let the operation hold its core until the wait completes.</li>
 *   <li>{@code pageRequestPs} = 2 µs: the host's fixed share of handling one PCIe page request
 *       (PRI): the page-request interrupt, reading the request from the page-request queue,
 *       dispatching it to the fault handler and writing the page-response descriptor; the map it
 *       makes is priced item by item on top. An assumption of the order of an interrupt plus a
 *       few queue accesses (like {@code trapPs}).</li>
 *   <li>{@code shadowFaultPs} = 1 µs: the host's fixed share of one lazy shadow fill: the
 *       IOMMU fault interrupt and finding the shadowed IOASID and faulting address; the guest
 *       reads and shadow writes of the fill are priced item by item on top. An assumption: an
 *       interrupt without a VM exit.</li>
 * </ul>
 * {@code distributions} ({@link CostDistributions}, default none) optionally draws the
 * per-operation costs (syscall, trap, descriptor, page request, shadow fault) per charge
 * ({@link CostDraws}).
 */
public record CostModel(long syscallPs, long trapPs, long pteReadPs, long pteWritePs, long mapPagePs,
        long unmapPagePs, long rmapEntryPs, long shadowWritePs, long guestReadPs, long descriptorPs, long waitPs,
        long pageRequestPs, long shadowFaultPs, CostDistributions distributions) {

    public static final long DEFAULT_PAGE_REQUEST_PS = 2 * SimTime.US;
    public static final long DEFAULT_SHADOW_FAULT_PS = SimTime.US;

    /** Fixed costs only ({@link CostDistributions#NONE}). */
    public CostModel(long syscallPs, long trapPs, long pteReadPs, long pteWritePs, long mapPagePs, long unmapPagePs,
                     long rmapEntryPs, long shadowWritePs, long guestReadPs, long descriptorPs, long waitPs,
                     long pageRequestPs, long shadowFaultPs) {
        this(syscallPs, trapPs, pteReadPs, pteWritePs, mapPagePs, unmapPagePs, rmapEntryPs, shadowWritePs, guestReadPs,
                descriptorPs, waitPs, pageRequestPs, shadowFaultPs, CostDistributions.NONE);
    }

    public CostModel {
        if (distributions == null) {
            throw new IllegalArgumentException("cost distributions must not be null (CostDistributions.NONE for none)");
        }
        long[] all = {syscallPs, trapPs, pteReadPs, pteWritePs, mapPagePs, unmapPagePs, rmapEntryPs, shadowWritePs,
            guestReadPs, descriptorPs, waitPs, pageRequestPs, shadowFaultPs};
        String[] names = {"syscall", "trap", "pte-read", "pte-write", "map-page", "unmap-page", "rmap-entry",
            "shadow-write", "guest-read", "descriptor", "wait", "page-request", "shadow-fault"};
        for (int i = 0; i < all.length; i++) {
            if (all[i] < 0) {
                throw new IllegalArgumentException("cost '" + names[i] + "' must be >= 0 ps, got " + all[i]);
            }
        }
    }

    public static CostModel defaults() {
        return new CostModel(500 * SimTime.NS, 2 * SimTime.US, 10 * SimTime.NS, 20 * SimTime.NS, 200 * SimTime.NS,
                150 * SimTime.NS, 50 * SimTime.NS, 20 * SimTime.NS, 50 * SimTime.NS, 100 * SimTime.NS, SimTime.US,
                DEFAULT_PAGE_REQUEST_PS, DEFAULT_SHADOW_FAULT_PS);
    }

    /** This model with {@code d} as its cost distributions. */
    public CostModel withDistributions(CostDistributions d) {
        return new CostModel(syscallPs, trapPs, pteReadPs, pteWritePs, mapPagePs, unmapPagePs, rmapEntryPs,
                shadowWritePs, guestReadPs, descriptorPs, waitPs, pageRequestPs, shadowFaultPs, d);
    }

    /** The CPU time of {@code w}: the sum over items of count × cost. Overflow is an error. */
    public long cpuTimePs(ControlPlaneWork w) {
        long t = 0;
        t = Math.addExact(t, Math.multiplyExact(w.syscalls(), syscallPs));
        t = Math.addExact(t, Math.multiplyExact(w.traps(), trapPs));
        t = Math.addExact(t, Math.multiplyExact(w.pteReads(), pteReadPs));
        t = Math.addExact(t, Math.multiplyExact(w.pteWrites(), pteWritePs));
        t = Math.addExact(t, Math.multiplyExact(w.pagesMapped(), mapPagePs));
        t = Math.addExact(t, Math.multiplyExact(w.pagesUnmapped(), unmapPagePs));
        t = Math.addExact(t, Math.multiplyExact(w.rmapEntries(), rmapEntryPs));
        t = Math.addExact(t, Math.multiplyExact(w.shadowWrites(), shadowWritePs));
        t = Math.addExact(t, Math.multiplyExact(w.guestReads(), guestReadPs));
        t = Math.addExact(t, Math.multiplyExact(w.descriptors(), descriptorPs));
        t = Math.addExact(t, Math.multiplyExact(w.waits(), waitPs));
        return t;
    }
}
