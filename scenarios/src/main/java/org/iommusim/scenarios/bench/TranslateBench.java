package org.iommusim.scenarios.bench;

import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.AllocSpec;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.functional.FunctionalWalker;
import org.iommusim.hw.functional.Translation;
import org.iommusim.hw.functional.WalkTrace;

/**
 * Measures the functional translation core: single-stage walks per second on a 4-level
 * table with {@code pages} mapped 4 KiB pages, two-dimensional (4×4, 24 reads) walks per
 * second with a guest table of {@code pages} leaves over a parent mapping {@code pages}
 * pages of guest RAM, both at uniformly random mapped IOVAs; and heap bytes per mapped
 * 4 KiB page of one stage (used heap after GC, before and after populating). Single thread;
 * figures depend on the machine and on other load.
 */
public final class TranslateBench {
    private static final long HPA_BASE = 1L << 40;
    private static final long DATA_HPA = 1L << 44;

    /** Pages of the hot working set for the cache-resident figures. */
    public static final int HOT_PAGES = 8192;

    /**
     * What the bench measured. "Uniform" walks pick any mapped page (the leaf PTE is then
     * usually a cache miss of the host CPU); "hot" walks stay within {@link #HOT_PAGES} pages
     * of the same populated table, which shows the cost of the code path itself.
     */
    public record Figures(long mappedPages, double singleStageWalksPerSecond, double nestedWalksPerSecond,
                          double singleStageHotWalksPerSecond, double nestedHotWalksPerSecond,
                          double bytesPerMappedPage, double nestedReadsPerWalk) {
        @Override
        public String toString() {
            return String.format("mapped pages                 %,d%n"
                    + "single-stage walks/s         %,.0f uniform, %,.0f hot%n"
                    + "2D (4x4) walks/s             %,.0f uniform, %,.0f hot  (%.0f PTE reads per walk)%n"
                    + "heap per mapped 4 KiB page   %.1f bytes (one stage)",
                    mappedPages, singleStageWalksPerSecond, singleStageHotWalksPerSecond, nestedWalksPerSecond,
                    nestedHotWalksPerSecond, nestedReadsPerWalk, bytesPerMappedPage);
        }
    }

    private TranslateBench() {
    }

    /** 10^6 mapped pages, 10^7 timed single-stage walks (and a quarter as many 2D walks) of each pattern. */
    public static Figures run() {
        return run(1_000_000, 10_000_000L);
    }

    /** {@code pages} mapped pages per stage; {@code walks} timed single-stage walks, walks/4 timed 2D walks. */
    public static Figures run(int pages, long walks) {
        long before = usedHeap();
        ControlPlane single = new ControlPlane();
        int root = populateRoot(single, pages);
        double bytesPerPage = (usedHeap() - before) / (double) pages;
        double singleRate = walksPerSecond(single, 1, pages, walks, new long[1]);
        double singleHot = walksPerSecond(single, 1, Math.min(pages, HOT_PAGES), walks, new long[1]);
        if (root < 0) {
            throw new AssertionError();
        }
        single = null;
        ControlPlane nested = new ControlPlane();
        populateNested(nested, pages);
        long[] reads = new long[1];
        long nestedWalks = Math.max(1, walks / 4);
        double nestedRate = walksPerSecond(nested, 2, pages, nestedWalks, reads);
        double nestedHot = walksPerSecond(nested, 2, Math.min(pages, HOT_PAGES), nestedWalks, new long[1]);
        return new Figures(pages, singleRate, nestedRate, singleHot, nestedHot, bytesPerPage,
                reads[0] / (double) nestedWalks);
    }

    /** A root 4-level IOASID with {@code pages} 4 KiB pages at IOVA 0, attached to device 1. */
    static int populateRoot(ControlPlane cp, int pages) {
        int root = ok(cp.alloc(AllocSpec.root(4)));
        long chunk = 1024;
        for (long p = 0; p < pages; p += chunk) {
            long n = Math.min(chunk, pages - p);
            ok(cp.map(root, p << 12, HPA_BASE + (p << 12), n << 12, Prot.RW, PageSize.SIZE_4K));
        }
        ok(cp.registerDevice(1));
        ok(cp.attach(1, 0, root));
        return root;
    }

    /**
     * A GPA parent mapping {@code pages} pages of guest RAM plus a table region (4 KiB pages),
     * and a hardware-nested child whose guest table maps {@code pages} IOVA pages onto that
     * RAM; attached to device 2.
     */
    static void populateNested(ControlPlane cp, int pages) {
        int parent = ok(cp.alloc(AllocSpec.root(4)));
        long ram = (long) pages << 12;
        long tableRegion = 64L << 20;
        for (long gpa = 0; gpa < ram + tableRegion; gpa += 4L << 20) {
            long n = Math.min(4L << 20, ram + tableRegion - gpa);
            ok(cp.map(parent, gpa, DATA_HPA + gpa, n, Prot.RW, PageSize.SIZE_4K));
        }
        int child = ok(cp.alloc(AllocSpec.child(parent, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4)));
        GuestPageTable table = ok(GuestPageTable.create(cp, child, ram, ram + tableRegion));
        ok(cp.bind(child, table.root()));
        for (long p = 0; p < pages; p++) {
            ok(table.map(p << 12, (pages - 1 - p) << 12, PageSize.SIZE_4K, Prot.RW));
        }
        ok(cp.registerDevice(2));
        ok(cp.attach(2, 0, child));
    }

    private static double walksPerSecond(ControlPlane cp, int device, int pages, long walks, long[] reads) {
        FunctionalWalker iommu = new FunctionalWalker(cp);
        WalkTrace trace = new WalkTrace();
        Translation out = new Translation();
        long seed = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < 1_000_000; i++) {
            seed = next(seed);
            iommu.translate(device, 0, (((seed >>> 32) * pages) >>> 32) << 12, Access.READ, trace, out);
        }
        long total = 0;
        long ok = 0;
        long start = System.nanoTime();
        for (long i = 0; i < walks; i++) {
            seed = next(seed);
            if (iommu.translate(device, 0, (((seed >>> 32) * pages) >>> 32) << 12, Access.READ, trace, out)) {
                ok++;
            }
            total += trace.size();
        }
        long elapsed = System.nanoTime() - start;
        if (ok != walks) {
            throw new IllegalStateException("bench walks faulted: " + (walks - ok));
        }
        reads[0] = total;
        return walks * 1e9 / elapsed;
    }

    private static long next(long x) {
        x ^= x << 13;
        x ^= x >>> 7;
        return x ^ (x << 17);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static <T> T ok(Result<T> r) {
        return r.value();
    }

    /** Prints the figures: {@code java ... TranslateBench [pages] [walks]}. */
    public static void main(String[] args) {
        int pages = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long walks = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        System.out.println(run(pages, walks));
    }
}
