package org.iommusim.hw.workload;

import it.unimi.dsi.fastutil.ints.IntArrayFIFOQueue;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;
import java.util.function.Supplier;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.Counter;
import org.iommusim.hw.device.DmaEngine;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.ioasid.OpError;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.iommu.control.OpStats;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;

/**
 * Models the host remapping guest memory under a running guest (DESIGN §1, the seed's open
 * question): each tick moves one 4 KiB GPA page to its other host page, on host cores through
 * {@link TimedControlPlane}, as {@link ParentChurnConfig.Remap} says: {@code unmap-map} — an
 * unmap of the GPA on the map-unmap parent, then, when it has completed, a map of the same GPA
 * to the other HPA (a DMA in the window faults as on an unmapped GPA); {@code atomic} — one
 * replace operation that rewrites the leaf in place ({@code cp.op.replace.*}), so live DMA
 * never sees a hole; {@code quiesce} — the devices attached under the parent are paused and
 * drained, the page is unmapped then mapped (pages due meanwhile join the same pause), and the
 * devices resume. Under hardware nesting a parent change flushes the nested children's
 * cached translations; under software nesting the kernel must also find, through the reverse
 * map, every shadow entry derived from the page — one per alias IOVA in every shadowed child —
 * and rewrite it: the cost this workload exists to measure ({@code shadow.rmap-entries},
 * {@code shadow.ptes-written} and the operations' {@code cpu-time} of the control plane).
 *
 * <p>Statistics: those of {@link WorkloadStats} plus {@code pages-remapped} (remaps whose last
 * operation completed), and with {@code quiesce} {@code quiesces} (pauses) and
 * {@code dma-paused} (time from each pause to its resume). A quiesce's host CPU: each device's
 * pause and resume is one VFIO device-state ioctl ({@code VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE},
 * RUNNING to STOP and back; {@code cp.op.quiesce.*}, priced as an ioctl, {@code host.costs.syscall}).
 * Does not model: copying the page's data, the guest's balloon driver, the device driver's own
 * work inside the state change (its MMIO writes).
 */
final class ParentChurn extends Periodic {
    /** A device-state ioctl changes no IOMMU state. */
    private static final Supplier<Result<Effects>> NO_CHANGE = () -> Result.ok(Effects.NONE);
    private final ParentChurnConfig config;
    private final Simulator sim;
    private final TimedControlPlane tcp;
    private final WorkloadStats stats;
    private final Counter remapped;
    private final BitSet moved = new BitSet();
    /** Atomic remaps: where each page goes next (flipped when its remap is requested). */
    private final BitSet target = new BitSet();
    /** Quiesce: the devices paused, the pages waiting for the pause, its state and statistics. */
    private final List<DmaEngine> devices;
    private final IntArrayFIFOQueue pending = new IntArrayFIFOQueue();
    private final Counter quiesces;
    private final Counter pausedPs;
    private boolean pausing;
    private int draining;
    private int resuming;
    private long pausedAt;
    private long nextPage;
    /** Finished unmap-then-map remaps, reused. */
    private final ArrayDeque<Remap> idle = new ArrayDeque<>();

    ParentChurn(WorkloadContext ctx, String prefix, ParentChurnConfig config) {
        super(ctx, prefix, config.remapsPerSecond(), config.poisson(), config.interArrival());
        var x = ctx.cp().ioasid(config.parentIoasid());
        if (x == null || x.mode() != Mode.MAP_UNMAP) {
            throw new IllegalArgumentException(prefix + ": IOASID " + config.parentIoasid()
                    + " is not a map-unmap IOASID");
        }
        if (config.pages() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(prefix + ": region too large: " + config.bytes() + " bytes");
        }
        this.config = config;
        this.sim = ctx.sim();
        this.tcp = ctx.tcp();
        this.stats = new WorkloadStats(ctx.stats(), prefix);
        this.remapped = ctx.stats().counter(prefix + ".pages-remapped", "pages", "GPA pages moved to another HPA");
        boolean quiesce = config.remap() == ParentChurnConfig.Remap.QUIESCE;
        this.devices = quiesce ? ctx.enginesUnder(config.parentIoasid()) : List.of();
        this.quiesces = quiesce ? ctx.stats().counter(prefix + ".quiesces", "pauses",
                "device pauses (quiesce) around remaps") : null;
        this.pausedPs = quiesce ? ctx.stats().counter(prefix + ".dma-paused", "ps",
                "time the devices under the parent were paused (pause to resume)") : null;
    }

    @Override
    public String name() {
        return ParentChurnConfig.NAME;
    }

    @Override
    public WorkloadStats stats() {
        return stats;
    }

    @Override
    void tick() {
        int page = (int) nextPage;
        nextPage = (nextPage + 1) % config.pages();
        switch (config.remap()) {
            case ATOMIC -> replace(page);
            case UNMAP_MAP -> unmapThenMap(page, null);
            case QUIESCE -> quiesce(page);
        }
    }

    private void replace(int page) {
        long off = page * ParentChurnConfig.PAGE;
        boolean toAlt = !target.get(page);
        target.set(page, toAlt);
        long hpa = (toAlt ? config.altHpaBase() : config.hpaBase()) + off;
        int parent = config.parentIoasid();
        tcp.run(OpStats.Kind.REPLACE, false, () -> tcp.controlPlane().replace(parent, config.gpaBase() + off, hpa,
                ParentChurnConfig.PAGE, Prot.RW, PageSize.SIZE_4K), stats.record(remapped::increment));
    }

    /** Unmaps the page, then maps it to its other HPA; {@code then} (may be null) runs when both ended, ok or not. */
    private void unmapThenMap(int page, Runnable then) {
        Remap r = idle.isEmpty() ? new Remap() : idle.pop();
        r.page = page;
        r.then = then;
        tcp.unmap(config.parentIoasid(), config.gpaBase() + page * ParentChurnConfig.PAGE, ParentChurnConfig.PAGE,
                false, r.afterUnmap);
    }

    /**
     * One page's unmap-then-map in flight. Pooled ({@link #idle}), with its two callbacks made
     * once: a remap makes no objects; its operations report through {@link TimedControlPlane.Status}.
     */
    private final class Remap {
        int page;
        Runnable then;
        boolean toAlt;
        final TimedControlPlane.Status afterUnmap = this::unmapped;
        final TimedControlPlane.Status afterMap = this::mapped;

        private void unmapped(OpError error, long latencyPs) {
            stats.record(null).completed(error, latencyPs);
            if (error != null) {
                finished();
                return;
            }
            long off = page * ParentChurnConfig.PAGE;
            toAlt = !moved.get(page);
            long hpa = (toAlt ? config.altHpaBase() : config.hpaBase()) + off;
            tcp.map(config.parentIoasid(), config.gpaBase() + off, hpa, ParentChurnConfig.PAGE, Prot.RW,
                    PageSize.SIZE_4K, false, afterMap);
        }

        private void mapped(OpError error, long latencyPs) {
            stats.record(null).completed(error, latencyPs);
            if (error == null) {
                moved.set(page, toAlt);
                remapped.increment();
            }
            finished();
        }

        private void finished() {
            Runnable t = then;
            then = null;
            idle.push(this); // free before the continuation, which may start the next remap
            runIfAny(t);
        }
    }

    private static void runIfAny(Runnable r) {
        if (r != null) {
            r.run();
        }
    }

    /** Queues the page; the first page of a pause pauses the devices, the remaps start once they drained. */
    private void quiesce(int page) {
        pending.enqueue(page);
        if (!pausing) {
            pause();
        }
    }

    /**
     * Each device's pause is a VFIO device-state ioctl (RUNNING to STOP) on a host core, after which
     * the device stops starting DMAs; the remaps start when every device has drained.
     */
    private void pause() {
        pausing = true;
        pausedAt = sim.now();
        quiesces.increment();
        draining = devices.size() + 1;
        for (DmaEngine e : devices) {
            tcp.run(OpStats.Kind.QUIESCE, false, NO_CHANGE, (r, l) -> e.pause(this::drained));
        }
        drained();
    }

    private void drained() {
        if (--draining == 0) {
            nextQuiescedRemap();
        }
    }

    /** The next queued remap; with none left, each device resumes after its ioctl (STOP to RUNNING). */
    private void nextQuiescedRemap() {
        if (pending.isEmpty()) {
            resuming = devices.size() + 1;
            for (DmaEngine e : devices) {
                tcp.run(OpStats.Kind.QUIESCE, false, NO_CHANGE, (r, l) -> {
                    e.resume();
                    resumed();
                });
            }
            resumed();
            return;
        }
        unmapThenMap(pending.dequeueInt(), this::nextQuiescedRemap);
    }

    /** Every device runs again: the pause ends; pages that came due meanwhile start the next one. */
    private void resumed() {
        if (--resuming == 0) {
            pausedPs.add(sim.now() - pausedAt);
            pausing = false;
            if (!pending.isEmpty()) {
                pause();
            }
        }
    }
}
