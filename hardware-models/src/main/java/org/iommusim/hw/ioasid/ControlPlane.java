package org.iommusim.hw.ioasid;

import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import org.iommusim.hw.physmem.PageAllocator;
import org.iommusim.hw.physmem.PhysicalMemory;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.pagetable.Pte;
import org.iommusim.hw.nesting.WalkShape;

/**
 * Models the kernel's IOASID control plane (Linux iommufd): the IOASID tree, devices and
 * their (device, PASID) attachments, host memory with the kernel's page-table pool, and every
 * control operation. Each operation validates fully before it changes anything; a rejection
 * is an {@link Result.Err} and leaves every table, shadow, tree node and counter as it was.
 * An accepted operation returns its {@link Effects}. Functional only: no simulated time. The
 * operations' rules and changes are in one class per part ({@link TreeOps}, {@link DeviceOps},
 * {@link MapOps}, {@link GuestOps}); this is their public surface and the state they share.
 *
 * <p>Host memory holds kernel tables and shadows (allocated from the pool) and guest memory
 * contents (at whatever HPAs the GPA-level parent maps); the kernel's private bookkeeping
 * (mirrors of guest leaves) lives in a separate memory that no device can reach.
 */
public final class ControlPlane {
    private final ControlPlaneConfig config;
    private final PhysicalMemory hostMemory = new PhysicalMemory();
    private final PageAllocator hostPool;
    private final PhysicalMemory kernelPrivate = new PhysicalMemory();
    private final PageAllocator kernelPrivatePool = new PageAllocator(0L, 1L << Pte.PA_BITS);
    private final Int2ObjectOpenHashMap<Ioasid> ioasids = new Int2ObjectOpenHashMap<>();
    private final Attachments attachments = new Attachments();
    private final TreeOps treeOps;
    private final DeviceOps deviceOps = new DeviceOps(attachments);
    private final MapOps mapOps;
    private final GuestOps guestOps;
    private final HostResolver resolver;
    private final RmapFootprint footprint = new RmapFootprint();

    public ControlPlane(ControlPlaneConfig config) {
        this.config = config;
        this.hostPool = new PageAllocator(config.hostPoolBase(), config.hostPoolLimit());
        Propagation propagation = new Propagation(config, footprint);
        this.mapOps = new MapOps(hostPool, propagation);
        this.guestOps = new GuestOps(hostMemory, attachments, propagation, config);
        this.resolver = new HostResolver(hostMemory);
        this.treeOps = new TreeOps(ioasids, config, hostMemory, hostPool, kernelPrivate, kernelPrivatePool, footprint);
    }

    public ControlPlane() {
        this(ControlPlaneConfig.defaults());
    }

    public ControlPlaneConfig config() {
        return config;
    }

    /** Host physical memory: kernel tables, shadows and guest memory contents. */
    public PhysicalMemory hostMemory() {
        return hostMemory;
    }

    /** Allocates an IOASID; the value is its id (ids count up from 1 and are never reused). */
    public Result<Integer> alloc(AllocSpec spec) {
        return treeOps.alloc(spec);
    }

    /** Frees an IOASID with no attachments and no children, with its kernel tables and shadow. */
    public Result<Effects> free(int id) {
        return treeOps.free(id);
    }

    /** Makes a device known to the IOMMU. */
    public Result<Effects> registerDevice(int device) {
        return deviceOps.register(device);
    }

    /** Makes DMAs of {@code device} tagged with {@code pasid} use IOASID {@code id}. */
    public Result<Effects> attach(int device, int pasid, int id) {
        return deviceOps.attach(device, pasid, id, ioasids.get(id));
    }

    /** Detaches (device, PASID); caches must drop that PASID's entries. */
    public Result<Effects> detach(int device, int pasid) {
        return deviceOps.detach(device, pasid);
    }

    /** Maps {@code [iova, iova + length)} to {@code pa} on a map-unmap IOASID. */
    public Result<Effects> map(int id, long iova, long pa, long length, Prot prot, PageSize pageSize) {
        return mapOps.map(ioasids.get(id), id, iova, pa, length, prot, pageSize);
    }

    /**
     * {@link #map(int, long, long, long, Prot, PageSize)} without result objects: the effects go
     * into {@code into} (cleared first; read them before its next use). Returns null if the map
     * was accepted, else the error (the state is as before, {@code into} empty).
     */
    public OpError map(int id, long iova, long pa, long length, Prot prot, PageSize pageSize, EffectsBuilder into) {
        return mapOps.map(ioasids.get(id), id, iova, pa, length, prot, pageSize, into);
    }

    /** Unmaps whole mappings in {@code [iova, iova + length)} on a map-unmap IOASID. */
    public Result<Effects> unmap(int id, long iova, long length) {
        return mapOps.unmap(ioasids.get(id), id, iova, length);
    }

    /** {@link #unmap(int, long, long)} into {@code into}, as {@link #map(int, long, long, long, Prot, PageSize, EffectsBuilder)} says. */
    public OpError unmap(int id, long iova, long length, EffectsBuilder into) {
        return mapOps.unmap(ioasids.get(id), id, iova, length, into);
    }

    /** Remaps present {@code pageSize} leaves of a range to {@code pa} in place (never unmapped; see MapOps). */
    public Result<Effects> replace(int id, long iova, long pa, long length, Prot prot, PageSize pageSize) {
        return mapOps.replace(ioasids.get(id), id, iova, pa, length, prot, pageSize);
    }

    /** Binds the guest table rooted at {@code rootGpa} to a bind-invalidate IOASID. */
    public Result<Effects> bind(int id, long rootGpa) {
        return guestOps.bind(ioasids.get(id), id, rootGpa);
    }

    /** A user's invalidation on a bind-invalidate IOASID. */
    public Result<Effects> invalidate(int id, InvalidateRequest request) {
        return guestOps.invalidate(ioasids.get(id), id, request);
    }

    /** {@link #invalidate(int, InvalidateRequest)} into {@code into}, as {@link #map(int, long, long, long, Prot, PageSize, EffectsBuilder)} says. */
    public OpError invalidate(int id, InvalidateRequest request, EffectsBuilder into) {
        return guestOps.invalidate(ioasids.get(id), id, request, into);
    }

    /** A guest's plain memory write at {@code gpa} of the parent's input space of IOASID {@code id}. */
    public Result<Effects> writeGuestMemory(int id, long gpa, long value) {
        return guestOps.write(ioasids.get(id), id, gpa, value);
    }

    /**
     * {@code count} guest writes of {@code values[from, from + count)} to consecutive words from
     * {@code gpa}, within {@code gpa}'s 4 KiB page: the same memory and statistics as that many
     * {@link #writeGuestMemory} calls, with one translation of the page (for the guest's bulk
     * table writes: a new table page zeroed, a run of leaves). Null if written, else the error
     * (nothing written).
     */
    public OpError writeGuestWords(int id, long gpa, long[] values, int from, int count) {
        return guestOps.writeWords(ioasids.get(id), id, gpa, values, from, count);
    }

    /** A guest's plain memory read (no state change). */
    public Result<Long> readGuestMemory(int id, long gpa) {
        Result<Long> hpa = guestReadAddress(id, gpa);
        return hpa.isOk() ? Result.ok(hostMemory.read(hpa.value())) : hpa;
    }

    /**
     * Where in {@link #hostMemory} a guest access at {@code gpa} lands, or -1 if it is refused
     * ({@link #guestReadAddress} then says why). Allocation-free, for per-PTE guest-table reads.
     */
    public long guestHostAddress(int id, long gpa) {
        return guestOps.hostAddress(ioasids.get(id), gpa);
    }

    /** Where in {@link #hostMemory} a guest read at {@code gpa} lands (checked as {@link #readGuestMemory} does). */
    public Result<Long> guestReadAddress(int id, long gpa) {
        return guestOps.guestAddress(ioasids.get(id), id, gpa, "read");
    }

    // ---- data-path support -------------------------------------------------------------

    /** The IOASID that DMAs of (device, pasid) use, or null. One hash lookup, no allocation. */
    public IoasidView attached(int device, int pasid) {
        return attachments.get(device, pasid);
    }

    /** The IOASID with id {@code id}, or null. */
    public IoasidView ioasid(int id) {
        return ioasids.get(id);
    }

    /** Host-side classification of a fault on shadowed IOASID {@code id} (stage relative to it). */
    public boolean classify(int id, long addr, Access access, Resolution out) {
        out.reset();
        return resolver.classify(ioasids.get(id), addr, access.mask(), out);
    }

    /** Host-side translation of {@code gpa} through parent {@code parentId} as stage 2 (faults classified). */
    public boolean resolveAsParent(int parentId, long gpa, int needMask, Resolution out) {
        out.reset();
        return resolver.resolveIn(ioasids.get(parentId), gpa, needMask, out);
    }

    /**
     * Lazy fill after a shadow miss on IOASID {@code id} (which must have lazy fill on): the
     * host walks the guest table and, if it translates, syncs that leaf into the shadow.
     */
    public Effects lazyFill(int id, long addr) {
        return guestOps.lazyFill(ioasids.get(id), addr, resolver);
    }

    /** Counts a shadow fault seen by the data path. */
    public void countShadowFault(int id, boolean stale) {
        Counters c = ioasids.get(id).counters;
        c.shadowFaults++;
        if (stale) {
            c.staleShadowFaults++;
        }
    }

    public IoasidStats stats(int id) {
        return ioasids.get(id).counters.snapshot();
    }

    /** Reverse-map entries of a shadowed IOASID (0 if not shadowed). */
    public int reverseMapSize(int id) {
        Ioasid x = ioasids.get(id);
        return x.nested.reverseMapSize();
    }

    /** The host memory of every shadow's reverse map, now and at its peak. */
    public RmapFootprint reverseMapFootprint() {
        return footprint;
    }

    /** Whether any IOASID is walked through a software shadow (so reverse maps exist). */
    public boolean hasShadows() {
        return ioasids.values().stream().anyMatch(x -> x.walkShape() == WalkShape.SHADOW);
    }

    /**
     * With {@code on}, table pages the operations free (kernel and shadow tables, which the IOMMU
     * walks) are held back from reuse until {@link #releaseTablePages}: the timed layer releases
     * them when the invalidation covering them has taken effect, as Linux's {@code
     * iommu_iotlb_gather} freelist does. Off (the default): freed pages are reusable at once.
     */
    public void deferTableFrees(boolean on) {
        hostPool.deferFrees(on);
    }

    /** Table pages freed and held back since the last call, into {@code into} (emptied first; see {@link #deferTableFrees}). */
    public void takeFreedTablePages(it.unimi.dsi.fastutil.longs.LongArrayList into) {
        hostPool.takeDeferred(into);
    }

    /** Makes held-back table pages reusable. */
    public void releaseTablePages(it.unimi.dsi.fastutil.longs.LongArrayList pages) {
        hostPool.release(pages);
    }

    /** Table pages the host pool can still hand out (held-back pages are not counted). */
    public long tablePagesAvailable() {
        return hostPool.available();
    }

    /**
     * Digest of the whole state: tree, tables and memory contents, shadows and reverse maps,
     * allocators, devices, attachments and counters. Equal states give equal digests.
     */
    public long fingerprint() {
        long h = treeOps.nextId();
        for (Ioasid x : ioasids.values()) {
            h += it.unimi.dsi.fastutil.HashCommon.murmurHash3(x.fingerprint());
        }
        h = h * 31 + attachments.fingerprint();
        h = h * 31 + hostMemory.fingerprint();
        h = h * 31 + kernelPrivate.fingerprint();
        h = h * 31 + hostPool.fingerprint();
        return h * 31 + kernelPrivatePool.fingerprint();
    }
}
