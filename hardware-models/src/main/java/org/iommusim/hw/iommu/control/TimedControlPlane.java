package org.iommusim.hw.iommu.control;

import java.util.function.Supplier;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.guest.GuestEditView;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.InvalidateRequest;
import org.iommusim.hw.ioasid.IoasidView;
import org.iommusim.hw.ioasid.OpError;
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
 * <p>Which cores an operation runs on, by the software paths, is {@link HostCores}'.
 *
 * <p>Does not model: sleeping while waiting (the core spins), the timer drain of the flush queue
 * costing CPU time (softirq context; a drain by a full queue is charged to the unmap that found it).
 * Operations are pooled; the frequent ones (map, unmap, guest invalidation) carry their
 * arguments as plain fields ({@link OpCall}) and make their change into the operation's own
 * {@link org.iommusim.hw.ioasid.EffectsBuilder}, so in steady state an operation allocates only the
 * {@link org.iommusim.hw.ioasid.Invalidation}s it hands to the invalidation queue — and a
 * {@link Result} with its {@link Effects} for a caller whose callback is not a {@link Status}.
 */
public final class TimedControlPlane {
    /** Told when an operation completes: its functional result and its latency (queueing included). */
    @FunctionalInterface
    public interface Done {
        void done(Result<Effects> result, long latencyPs);
    }

    /**
     * A {@link Done} that reads only whether the operation was accepted: it is told the error
     * (null if accepted) and no {@link Result} or {@link Effects} is made for it — the callback
     * of workloads that issue operations by the hundred thousand per simulated second.
     */
    @FunctionalInterface
    public interface Status extends Done {
        void completed(OpError error, long latencyPs);

        @Override
        default void done(Result<Effects> result, long latencyPs) {
            completed(result.isOk() ? null : result.error(), latencyPs);
        }
    }

    private static final Status IGNORE = (error, latency) -> { };

    final Simulator sim;
    final ControlPlane cp;
    /** Where the operations' removals are recorded and their invalidations take effect. */
    final IommuInvalidations invalidations;
    /** Where the operations run (host cores, a sidecore, none) and the host work queue's back-pressure. */
    final HostCores cores;
    final CostModel costs;
    /** The per-operation costs as charged: fixed, or drawn ({@link #drawCosts}). */
    CostDraws draws;
    final InvalidationSubmitter submitter;
    final UnmapPolicy policy;
    final OpStats stats;
    final HostEvents events;
    final IovaAllocator iova;
    final FlushQueue flushQueue;
    /** Finished operations, reused (no allocation per operation in steady state). */
    final OpPool pool = new OpPool(this);

    public TimedControlPlane(Simulator sim, StatsRegistry registry, String prefix, ControlPlane cp, TimedIommu iommu,
                             HostCpu cpu, CostModel costs, InvalidationQueue queue, UnmapPolicy policy) {
        this.sim = sim;
        this.cp = cp;
        this.invalidations = iommu.invalidations();
        this.costs = costs;
        this.draws = CostDraws.fixed(costs);
        this.submitter = new InvalidationSubmitter(queue, invalidations);
        this.policy = policy;
        cp.deferTableFrees(true);
        this.stats = new OpStats(registry, prefix);
        this.events = new HostEvents(registry, prefix);
        this.iova = new IovaAllocator(cpu.coreCount());
        this.flushQueue = new FlushQueue(this, registry, prefix);
        this.cores = new HostCores(sim, registry, prefix, cpu);
        iommu.setLazyFillSink(this::lazyFilled);
    }

    /**
     * Host work that an interrupt started and that has already changed the functional state
     * ({@code effects}): it queues for a core, pays {@code entryPs} (the interrupt and its
     * dispatch) and then the work of {@code effects} like any operation, and submits and awaits
     * their invalidations. For a page request's handling and a lazy shadow fill.
     */
    public void hostWork(OpStats.Kind kind, long entryPs, Effects effects, Done done) {
        ControlOp o = pool.take(kind, false, HostPath.VFIO, 0, ControlOp.Entry.INTERRUPT, entryPs, done);
        o.call.given(effects);
        o.start();
    }

    /**
     * A driver's work for one completed packet or I/O beyond the IOMMU (its driver and network or
     * block stack): {@code cpuPs} on a host core, then {@code done} (never an error). Free work
     * ({@code cpuPs} 0) reports at once without taking a core.
     */
    public void driverWork(long cpuPs, Status done) {
        if (cpuPs <= 0) {
            done.completed(null, 0);
            return;
        }
        ControlOp o = pool.take(OpStats.Kind.DRIVER, false, HostPath.VFIO, 0, ControlOp.Entry.DRIVER, cpuPs, done);
        o.call.given(Effects.NONE);
        o.start();
    }

    /**
     * Sets the software paths (the vIOMMU mode and the DMA-API and exit costs); call before the
     * first operation. A sidecore vIOMMU gets a dedicated polled core ({@link HostCpu#pollingCore}).
     */
    public void configurePaths(PathConfig config) {
        cores.configure(config);
    }

    /** The software paths' settings. */
    public PathConfig paths() {
        return cores.paths();
    }

    /** Counts of the costly events and the host CPU time by category. */
    public HostEvents events() {
        return events;
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
        ControlOp o = pool.take(OpStats.Kind.MAP, guest, path, OpCall.pages(length), ControlOp.Entry.CALL, 0, done);
        o.call.map(id, iova, pa, length, prot, size);
        o.start();
    }

    /** An unmap through iommufd (the {@link HostPath#VFIO} path). */
    public void unmap(int id, long iova, long length, boolean guest, Done done) {
        unmap(id, iova, length, HostPath.VFIO, guest, done);
    }

    /** An unmap by a driver on {@code path}; a host unmap follows the unmap policy. */
    public void unmap(int id, long iova, long length, HostPath path, boolean guest, Done done) {
        ControlOp o = pool.take(OpStats.Kind.UNMAP, guest, path, OpCall.pages(length), ControlOp.Entry.CALL, 0, done);
        o.call.unmap(id, iova, length);
        o.start();
    }

    public void bind(int id, long rootGpa, boolean guest, Done done) {
        run(OpStats.Kind.BIND, guest, () -> cp.bind(id, rootGpa), done);
    }

    public void invalidate(int id, InvalidateRequest request, boolean guest, Done done) {
        if (!guest) {
            run(OpStats.Kind.INVALIDATE, false, () -> cp.invalidate(id, request), done);
            return;
        }
        ControlOp o = pool.take(OpStats.Kind.INVALIDATE, true, HostPath.VFIO, 0, ControlOp.Entry.CALL, 0, done);
        o.call.guestInvalidate(id, request, invalidations.epoch());
        o.start();
    }

    /**
     * A guest edited its bound table with plain memory writes (no host time: the guest's own
     * CPU). If the edit replaced or cleared a present entry, the old translation is removed now
     * and stays a stale-use risk in the IOMMU caches until the guest's invalidation takes effect.
     */
    public void guestEdited(int ioasid, GuestEditView edit) {
        guestEdited(ioasid, edit, false);
    }

    /**
     * {@link #guestEdited(int, GuestEditView)}; with {@code invalidationFollows}, the guest follows
     * the write with an invalidation of its range ({@link #invalidate} with {@code guest}, as its
     * driver's unmap does): the removal is made — a DMA requested after it that a cache serves
     * is a stale use — only when that invalidation returns; a DMA before raced the guest's unmap.
     */
    public void guestEdited(int ioasid, GuestEditView edit, boolean invalidationFollows) {
        if (!edit.wasPresent()) {
            return;
        }
        IoasidView x = cp.ioasid(ioasid);
        boolean shadowed = x != null && x.nesting().strategy().guestEditsWaitForHostSync();
        invalidations.removedByGuest(ioasid, edit.start(), edit.end(), invalidationFollows, shadowed);
    }

    /** Any other operation of {@code kind} whose functional part is {@code op}. */
    public void run(OpStats.Kind kind, boolean guest, Supplier<Result<Effects>> op, Done done) {
        ControlOp o = pool.take(kind, guest, HostPath.VFIO, 0, ControlOp.Entry.CALL, 0, done);
        o.call.supplied(op);
        o.start();
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
        return cores.accepting();
    }

    /** Counts one operation a workload did not submit because the host work queue was full. */
    public void refuse() {
        cores.refuse();
    }

    /** Operations refused so far ({@link #refuse()}). */
    public long refused() {
        return cores.refused();
    }

    /** The host CPU the operations run on. */
    public HostCpu cpu() {
        return cores.cpu();
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
