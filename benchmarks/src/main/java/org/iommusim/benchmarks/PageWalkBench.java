package org.iommusim.benchmarks;

import java.util.SplittableRandom;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.AllocSpec;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.functional.FunctionalWalker;
import org.iommusim.hw.functional.Translation;
import org.iommusim.hw.functional.WalkTrace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The functional page walker, {@link FunctionalWalker#translate}, with its full PTE trace recorded (no
 * IOTLB, no walk caches: every call is a complete walk).
 *
 * <p>Trees (built in {@code @Setup} as {@code org.iommusim.scenarios.bench.TranslateBench} builds
 * them, through the control plane): <b>single</b> — a root 4-level map/unmap IOASID with
 * {@value #PAGES} mapped 4 KiB pages at IOVA 0 (4 PTE reads per walk); <b>nested</b> — a GPA
 * parent (4 levels) mapping {@value #PAGES} pages of guest RAM plus a 64 MiB table region, and a
 * hardware-nested 4-level bind/invalidate child whose guest table maps {@value #PAGES} IOVA
 * pages onto that RAM (the 2D walk: 24 PTE reads).
 *
 * <p>Patterns: <b>hot</b> — IOVAs uniform over the first {@value #HOT_PAGES} mapped pages
 * (the tables they touch stay in the host CPU's caches: the cost of the code path);
 * <b>uniform</b> — uniform over all {@value #PAGES} pages (the leaf PTE, and for nested the
 * stage-2 leaves, are then usually host cache misses: the figure is bound by memory latency).
 * The IOVAs come from a 2^20-entry array drawn in {@code @Setup}.
 *
 * <p>How to read: ns per translation (lower is better); 1000 / score = million walks per
 * second, comparable with {@code ./iommusim bench translate}. Setup of the nested tree takes
 * a few seconds per fork; it is not measured.
 */
public class PageWalkBench extends BenchSetup {
    /** Mapped pages of each stage. */
    static final int PAGES = 1_000_000;
    /** Pages of the hot working set (as TranslateBench.HOT_PAGES). */
    static final int HOT_PAGES = 8192;
    private static final int ADDRESSES = 1 << 20;
    private static final long HPA_BASE = 1L << 40;
    private static final long DATA_HPA = 1L << 44;
    private static final int DEVICE = 1;

    /** {@code single}: one-stage 4-level table; {@code nested}: hardware-nested 4×4 (2D walk). */
    @Param({"single", "nested"})
    public String tree;

    /** {@code hot}: a small working set; {@code uniform}: any of the mapped pages. */
    @Param({"hot", "uniform"})
    public String pattern;

    private FunctionalWalker iommu;
    private final WalkTrace trace = new WalkTrace();
    private final Translation out = new Translation();
    private final long[] iovas = new long[ADDRESSES];
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        ControlPlane cp = new ControlPlane();
        switch (tree) {
            case "single" -> mapRoot(cp, PAGES, HPA_BASE, DEVICE);
            case "nested" -> populateNested(cp);
            default -> throw new IllegalArgumentException("tree must be single or nested, got " + tree);
        }
        int pages = switch (pattern) {
            case "hot" -> HOT_PAGES;
            case "uniform" -> PAGES;
            default -> throw new IllegalArgumentException("pattern must be hot or uniform, got " + pattern);
        };
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < ADDRESSES; i++) {
            iovas[i] = ((long) rnd.nextInt(pages) << 12) | (rnd.nextInt(512) << 3);
        }
        iommu = new FunctionalWalker(cp);
        for (int i = 0; i < ADDRESSES; i++) {
            if (!iommu.translate(DEVICE, 0, iovas[i], Access.READ, trace, out)) {
                throw new IllegalStateException("walk faulted at 0x" + Long.toHexString(iovas[i]) + ": "
                        + out.describe());
            }
        }
    }

    /** One complete walk of the next precomputed IOVA. */
    @Benchmark
    public void translate(Blackhole bh) {
        bh.consume(iommu.translate(DEVICE, 0, iovas[next++ & (ADDRESSES - 1)], Access.READ, trace, out));
        bh.consume(out.hpa);
    }

    /** Guest RAM + table region in a GPA parent; a hardware-nested child with a bound guest table. */
    private static void populateNested(ControlPlane cp) {
        int parent = ok(cp.alloc(AllocSpec.root(4)));
        long ram = (long) PAGES << 12;
        long tableRegion = 64L << 20;
        for (long gpa = 0; gpa < ram + tableRegion; gpa += 4L << 20) {
            long n = Math.min(4L << 20, ram + tableRegion - gpa);
            ok(cp.map(parent, gpa, DATA_HPA + gpa, n, Prot.RW, PageSize.SIZE_4K));
        }
        // Fully qualified: JMH's annotations have a Mode of their own.
        var bindInvalidate = org.iommusim.hw.ioasid.Mode.BIND_INVALIDATE;
        int child = ok(cp.alloc(AllocSpec.child(parent, bindInvalidate, Nesting.HARDWARE, 4)));
        GuestPageTable table = ok(GuestPageTable.create(cp, child, ram, ram + tableRegion));
        ok(cp.bind(child, table.root()));
        for (long p = 0; p < PAGES; p++) {
            ok(table.map(p << 12, (PAGES - 1 - p) << 12, PageSize.SIZE_4K, Prot.RW));
        }
        ok(cp.registerDevice(DEVICE));
        ok(cp.attach(DEVICE, 0, child));
    }
}
