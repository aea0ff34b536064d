package org.iommusim.hw.workload;

import java.util.BitSet;
import org.iommusim.core.stats.Counter;
import org.iommusim.hw.ioasid.Mode;
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
 * never sees a hole. Under hardware nesting a parent change flushes the nested children's
 * cached translations; under software nesting the kernel must also find, through the reverse
 * map, every shadow entry derived from the page — one per alias IOVA in every shadowed child —
 * and rewrite it: the cost this workload exists to measure ({@code shadow.rmap-entries},
 * {@code shadow.ptes-written} and the operations' {@code cpu-time} of the control plane).
 *
 * <p>Statistics: those of {@link WorkloadStats} plus {@code pages-remapped} (remaps whose last
 * operation completed). Does not model: copying the page's data, the guest's balloon driver,
 * or the hypervisor pausing the device around a remap (quiescing).
 */
final class ParentChurn extends Periodic {
    private final ParentChurnConfig config;
    private final TimedControlPlane tcp;
    private final WorkloadStats stats;
    private final Counter remapped;
    private final BitSet moved = new BitSet();
    /** Atomic remaps: where each page goes next (flipped when its remap is requested). */
    private final BitSet target = new BitSet();
    private long nextPage;

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
        this.tcp = ctx.tcp();
        this.stats = new WorkloadStats(ctx.stats(), prefix);
        this.remapped = ctx.stats().counter(prefix + ".pages-remapped", "pages", "GPA pages moved to another HPA");
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
        long off = page * ParentChurnConfig.PAGE;
        long gpa = config.gpaBase() + off;
        int parent = config.parentIoasid();
        if (config.remap() == ParentChurnConfig.Remap.ATOMIC) {
            boolean toAlt = !target.get(page);
            target.set(page, toAlt);
            long hpa = (toAlt ? config.altHpaBase() : config.hpaBase()) + off;
            tcp.run(OpStats.Kind.REPLACE, false,
                    () -> tcp.controlPlane().replace(parent, gpa, hpa, ParentChurnConfig.PAGE, Prot.RW, PageSize.SIZE_4K),
                    stats.record(remapped::increment));
            return;
        }
        tcp.unmap(parent, gpa, ParentChurnConfig.PAGE, false, stats.record(() -> {
            boolean toAlt = !moved.get(page);
            long hpa = (toAlt ? config.altHpaBase() : config.hpaBase()) + off;
            tcp.map(parent, gpa, hpa, ParentChurnConfig.PAGE, Prot.RW, PageSize.SIZE_4K, false,
                    stats.record(() -> {
                        moved.set(page, toAlt);
                        remapped.increment();
                    }));
        }));
    }
}
