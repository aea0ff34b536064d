package org.iommusim.hw.iommu.control;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.guest.GuestEdit;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.InvalidateRequest;
import org.iommusim.hw.ioasid.Invalidation;
import org.iommusim.hw.ioasid.IoasidView;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.iommu.inval.InvalidationQueue;
import org.iommusim.hw.iommu.inval.InvalidationSubmitter;
import org.iommusim.hw.iommu.inval.IommuInvalidations;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;

/**
 * Control-plane operations in simulated time (DESIGN §2, issue 4 "control-plane costs"). Each
 * operation ({@link ControlOp}) queues for a host-CPU core, pays its entry (an ioctl; a guest's
 * operation also a trap), then changes the functional state at that instant — removals become
 * pending stale ranges in the {@link TimedIommu} — then pays its work priced by the
 * {@link CostModel} from the {@link Effects} counts (the kernel's software-walk PTE reads, PTE
 * writes, pages mapped / unmapped, reverse-map entries, shadow writes, guest PTE reads,
 * invalidation descriptors), then deals with its invalidations: a host unmap under a lazy
 * {@link UnmapPolicy} writes none — it queues an entry in the flush queue, whose drain writes one
 * domain-wide flush per domain ({@link FlushQueue}; an unmap finding the queue full drains it
 * first, on its core, waiting for the drain); every other case submits them with a wait
 * descriptor and holds its core until the wait completes. Then the core is released and the
 * caller told.
 *
 * <p>Table pages an operation frees are held back from reuse until the invalidations covering
 * them have taken effect — the wait's completion, or the flush-queue drain's for a lazy unmap —
 * as Linux releases its {@code iommu_iotlb_gather} freelist only after {@code iotlb_sync}
 * ({@link ControlPlane#deferTableFrees}, switched on here). Operations made on the functional
 * control plane directly, outside this class, hand their freed pages to the next operation here.
 *
 * <p>Does not model: sleeping while waiting (the core spins), the timer drain of the flush queue
 * costing CPU time (softirq context; a drain by a full queue is charged to the unmap that found it).
 * Allocates a few objects per operation (control-plane rates are far below DMA rates).
 */
public final class TimedControlPlane {
    /** Told when an operation completes: its functional result and its latency (queueing included). */
    @FunctionalInterface
    public interface Done {
        void done(Result<Effects> result, long latencyPs);
    }

    private static final Done IGNORE = (r, latency) -> { };
    private static final Result<Effects> DRIVER_DONE = Result.ok(Effects.NONE);

    final Simulator sim;
    final ControlPlane cp;
    /** Where the operations' removals are recorded and their invalidations take effect. */
    final IommuInvalidations invalidations;
    final HostCpu cpu;
    final CostModel costs;
    /** The per-operation costs as charged: fixed, or drawn ({@link #drawCosts}). */
    CostDraws draws;
    final InvalidationSubmitter submitter;
    final UnmapPolicy policy;
    final OpStats stats;
    final HostEvents events;
    final IovaAllocator iova;
    PathConfig paths = PathConfig.defaults();
    /** The dedicated polling core of a sidecore vIOMMU; null otherwise. */
    private HostCpu sidecore;
    private final StatsRegistry registry;
    final FlushQueue flushQueue;
    private final Counter refused;

    public TimedControlPlane(Simulator sim, StatsRegistry registry, String prefix, ControlPlane cp, TimedIommu iommu,
                             HostCpu cpu, CostModel costs, InvalidationQueue queue, UnmapPolicy policy) {
        this.sim = sim;
        this.cp = cp;
        this.invalidations = iommu.invalidations();
        this.cpu = cpu;
        this.costs = costs;
        this.draws = CostDraws.fixed(costs);
        this.submitter = new InvalidationSubmitter(queue, invalidations);
        this.policy = policy;
        cp.deferTableFrees(true);
        this.stats = new OpStats(registry, prefix);
        this.events = new HostEvents(registry, prefix);
        this.iova = new IovaAllocator(cpu.coreCount());
        this.registry = registry;
        this.flushQueue = new FlushQueue(this, registry, prefix);
        this.refused = registry.counter(prefix + ".refused", "operations",
                "operations workloads could not submit because the host work queue was full (back-pressure)");
        iommu.setLazyFillSink(this::lazyFilled);
    }

    /**
     * Host work that an interrupt started and that has already changed the functional state
     * ({@code effects}): it queues for a core, pays {@code entryPs} (the interrupt and its
     * dispatch) and then the work of {@code effects} like any operation, and submits and awaits
     * their invalidations. For a page request's handling and a lazy shadow fill.
     */
    public void hostWork(OpStats.Kind kind, long entryPs, Effects effects, Done done) {
        Result<Effects> done0 = Result.ok(effects);
        new ControlOp(this, kind, ControlOp.Entry.INTERRUPT, entryPs, () -> done0, done).start();
    }

    /**
     * A driver's work for one completed packet or I/O beyond the IOMMU (its driver and network or
     * block stack): {@code cpuPs} on a host core, then {@code done}. Free work ({@code cpuPs} 0)
     * reports at once without taking a core.
     */
    public void driverWork(long cpuPs, Runnable done) {
        if (cpuPs <= 0) {
            done.run();
            return;
        }
        new ControlOp(this, OpStats.Kind.DRIVER, ControlOp.Entry.DRIVER, cpuPs, () -> DRIVER_DONE,
                (r, latency) -> done.run()).start();
    }

    /**
     * Sets the software paths (the vIOMMU mode and the DMA-API and exit costs); call before the
     * first operation. A sidecore vIOMMU gets a dedicated polled core ({@link HostCpu#pollingCore}).
     */
    public void configurePaths(PathConfig config) {
        this.paths = config;
        if (config.viommu() == ViommuMode.SIDECORE && sidecore == null) {
            sidecore = HostCpu.pollingCore(sim, registry, "host.sidecore");
        }
    }

    /** The software paths' settings. */
    public PathConfig paths() {
        return paths;
    }

    /** Counts of the costly events and the host CPU time by category. */
    public HostEvents events() {
        return events;
    }

    /** The cores {@code o} runs on: the host's, a sidecore's, or none (hardware guest queues). */
    org.iommusim.core.resource.FifoServer serverFor(ControlOp o) {
        if (o.guest && o.entry == ControlOp.Entry.CALL) {
            if (!paths.viommu().hostCpu()) {
                return null;
            }
            if (paths.viommu() == ViommuMode.SIDECORE) {
                return sidecore.cores();
            }
        }
        return cpu.cores();
    }

    /** A walk filled a shadow lazily: the host's fault handling and the fill's work, on a core. */
    private void lazyFilled(Effects fill) {
        hostWork(OpStats.Kind.LAZY_FILL, draws.shadowFault(), fill, IGNORE);
    }

    /** A map through iommufd (the {@link HostPath#VFIO} path; a guest's through its vIOMMU). */
    public void map(int id, long iova, long pa, long length, Prot prot, PageSize size, boolean guest, Done done) {
        map(id, iova, pa, length, prot, size, HostPath.VFIO, guest, done);
    }

    /** A map by a driver on {@code path} (a guest's through its vIOMMU, whatever the path). */
    public void map(int id, long iova, long pa, long length, Prot prot, PageSize size, HostPath path, boolean guest,
                    Done done) {
        new ControlOp(this, OpStats.Kind.MAP, guest, path, pages(length), () -> cp.map(id, iova, pa, length, prot, size),
                done).start();
    }

    /** An unmap through iommufd (the {@link HostPath#VFIO} path). */
    public void unmap(int id, long iova, long length, boolean guest, Done done) {
        unmap(id, iova, length, HostPath.VFIO, guest, done);
    }

    /** An unmap by a driver on {@code path}; a host unmap follows the unmap policy. */
    public void unmap(int id, long iova, long length, HostPath path, boolean guest, Done done) {
        new ControlOp(this, OpStats.Kind.UNMAP, guest, path, pages(length), () -> cp.unmap(id, iova, length), done)
                .start();
    }

    private static long pages(long length) {
        return Math.max(1, (length + 4095) >>> 12);
    }

    public void bind(int id, long rootGpa, boolean guest, Done done) {
        run(OpStats.Kind.BIND, guest, () -> cp.bind(id, rootGpa), done);
    }

    public void invalidate(int id, InvalidateRequest request, boolean guest, Done done) {
        if (!guest) {
            run(OpStats.Kind.INVALIDATE, false, () -> cp.invalidate(id, request), done);
            return;
        }
        long startEpoch = invalidations.epoch();
        Supplier<Result<Effects>> op = () -> {
            Result<Effects> r = cp.invalidate(id, request);
            if (r.isOk()) { // a shadow syncs from the guest table in the range
                long from = request instanceof InvalidateRequest.Range g ? g.start() : 0;
                long to = request instanceof InvalidateRequest.Range g ? g.start() + g.length() : -1L;
                invalidations.shadowSynced(id, from, to);
            }
            return r;
        };
        run(OpStats.Kind.INVALIDATE, true, op, (r, latency) -> {
            invalidations.guestInvalidationReturned(id, startEpoch);
            done.done(r, latency);
        });
    }

    /**
     * A guest edited its bound table with plain memory writes (no host time: the guest's own
     * CPU). If the edit replaced or cleared a present entry, the old translation is removed now
     * and stays a stale-use risk in the IOMMU caches until the guest's invalidation takes effect.
     */
    public void guestEdited(int ioasid, GuestEdit edit) {
        guestEdited(ioasid, edit, false);
    }

    /**
     * {@link #guestEdited(int, GuestEdit)}; with {@code invalidationFollows}, the guest follows
     * the write with an invalidation of its range ({@link #invalidate} with {@code guest}, as its
     * driver's unmap does): the removal is made — a DMA requested after it that a cache serves
     * is a stale use — only when that invalidation returns; a DMA before raced the guest's unmap.
     */
    public void guestEdited(int ioasid, GuestEdit edit, boolean invalidationFollows) {
        if (!edit.wasPresent()) {
            return;
        }
        IoasidView x = cp.ioasid(ioasid);
        boolean shadowed = x != null && x.nesting().strategy().guestEditsWaitForHostSync();
        invalidations.removedByGuest(ioasid, edit.start(), edit.end(), invalidationFollows, shadowed);
    }

    /** Any other operation of {@code kind} whose functional part is {@code op}. */
    public void run(OpStats.Kind kind, boolean guest, Supplier<Result<Effects>> op, Done done) {
        new ControlOp(this, kind, guest, HostPath.VFIO, 0, op, done).start();
    }

    /**
     * Lazy unmap: defer {@code invs} to the flush queue, with the table pages the unmap freed and
     * its IOVA ({@code pages} pages allocated on core {@code core}; -1: none), both reusable after the drain.
     */
    void defer(List<Invalidation> invs, LongArrayList freedTables, int core, long pages) {
        flushQueue.defer(invs, freedTables, core, pages);
    }

    /** Drains the flush queue: one domain-wide flush per queued domain and one wait go to the invalidation queue. */
    public void flush() {
        flushQueue.flush();
    }

    /** Lazy unmaps waiting in the flush queue. */
    public int deferred() {
        return flushQueue.size();
    }

    /** The driver side of the invalidation queue (for control workloads that write explicit commands). */
    public InvalidationSubmitter submitter() {
        return submitter;
    }

    public OpStats stats() {
        return stats;
    }

    /**
     * Whether a workload may submit new work now: true while the host cores' wait queue is below
     * its limit ({@link HostCpu#accepting()}); otherwise the caller holds back (back-pressure) and
     * reports it with {@link #refuse()}.
     */
    public boolean accepting() {
        return cpu.accepting();
    }

    /** Counts one operation a workload did not submit because the host work queue was full. */
    public void refuse() {
        refused.increment();
    }

    /** Operations refused so far ({@link #refuse()}). */
    public long refused() {
        return refused.get();
    }

    /** The host CPU the operations run on. */
    public HostCpu cpu() {
        return cpu;
    }

    /** Draws the per-operation costs from the cost model's distributions on streams {@code <prefix>.cost.*}. */
    public void drawCosts(RandomStreams streams, String prefix) {
        draws = new CostDraws(costs, streams, prefix);
    }

    /** The per-operation costs as charged (fixed unless {@link #drawCosts} was called with distributions). */
    public CostDraws costDraws() {
        return draws;
    }

    /** The CPU cost of each item of work. */
    public CostModel costs() {
        return costs;
    }

    /** The functional control plane the operations change (read IOASID state through it). */
    public ControlPlane controlPlane() {
        return cp;
    }
}
