package org.iommusim.hw.iommu.datapath;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.Statistic;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.hw.iommu.PipelineConfig;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.inval.InvKind;
import org.iommusim.hw.memtiming.MemoryConfig;
import org.iommusim.hw.memtiming.MemoryModel;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pcie.Tlps;
import org.iommusim.hw.testing.TreeFixture;

/**
 * Twin IOMMUs for the data path's exactness tests ({@code TlpRunsTest}, {@code MissBatchTest}): two
 * {@link TimedIommu}s over their own copies of one page table (48 pages, one of them unmapped, three
 * devices), driven by the same random DMAs of read requests (at random and colliding instants, TLPs of
 * 128 B–4 KiB; a third of the DMAs send their TLPs one by one, 0.5–2 ns apart, as writes cross a link), removals that make cached entries stale and their invalidations, then a closing phase
 * of fresh misses that evicts by the replacement state each side left; a random configuration (every
 * replacement policy and set index, IOTLB sizes, context cache on or off, in order or a reorder window,
 * miss slots, hidden or charged hit latencies, a miss occupancy, TBU micro-TLBs, in-flight bounds).
 * Each side logs what its callbacks heard and snapshots every statistic, for the tests to compare.
 */
final class TwinIommus {
    static final long IOVA = 0x100_0000L;
    static final long PAGE = 4096;
    static final int PAGES = 48;
    static final int HOLE = 37; // an unmapped page: its TLPs fault
    private static final String[] POLICIES = {"lru", "fifo", "tree-plru", "round-robin", "random"};
    private static final String[] INDEXES = {"modulo", "xor-fold", "hash"};

    private TwinIommus() {
    }

    /** One side: an IOMMU over its own copy of the tables, and the log of what its callbacks heard. */
    static final class Side implements RunCallback {
        final Simulator sim = new Simulator();
        final StatsRegistry stats = new StatsRegistry(sim);
        final TreeFixture f = TreeFixture.anyDepth();
        final TimedIommu iommu;
        final int root;
        /** What was taken in, in order; what was handed back, in order (their interleaving is not compared). */
        final List<String> log = new ArrayList<>();
        final List<String> back = new ArrayList<>();

        Side(TimedIommuConfig config) {
            root = f.root(4);
            f.map(root, IOVA, 0x40_0000_0000L, HOLE * PAGE, PageSize.SIZE_4K);
            f.map(root, IOVA + (HOLE + 1) * PAGE, 0x40_1000_0000L, (PAGES - HOLE - 1) * PAGE, PageSize.SIZE_4K);
            for (int d = 1; d <= 3; d++) {
                f.attach(d, 0, root);
            }
            RandomStreams streams = new RandomStreams(7, 0);
            MemoryModel mem = new MemoryModel(sim, stats, streams, "mem", MemoryConfig.fixed(100_000));
            iommu = new TimedIommu(config, sim, stats, streams, f.cp, PteMemory.of(mem), "iommu");
        }

        @Override
        public void accepted(long tag) {
            log.add("accepted " + tag + " @" + sim.now());
        }

        @Override
        public void acceptedRun(long firstTag, int count) {
            for (int m = 0; m < count; m++) {
                accepted(firstTag + m);
            }
        }

        @Override
        public void translated(long tag, boolean ok, long hpa, FaultReason reason, int stage, long latencyPs) {
            back.add("translated " + tag + " " + ok + " " + reason + " s" + stage + " " + latencyPs + " @" + sim.now());
        }

        @Override
        public void translatedRun(long firstTag, int count, long latencyPs) {
            for (int m = 0; m < count; m++) {
                translated(firstTag + m, true, 0, null, 0, latencyPs);
            }
        }

        /** Every statistic's snapshot, by name. */
        TreeMap<String, String> statistics() {
            TreeMap<String, String> m = new TreeMap<>();
            for (Statistic s : stats.all()) {
                m.put(s.name(), s.snapshot().toString());
            }
            return m;
        }
    }

    /** A DMA's read requests, all arriving at {@code at}. */
    record Dma(long at, int device, long start, int bytes, int unit, long firstTag) {
    }

    /** {@code count} random DMAs of the three devices, sorted by instant; tags 1,000 apart. */
    static List<Dma> randomDmas(Random r) {
        List<Dma> dmas = new ArrayList<>();
        long tag = 0;
        int count = 60 + r.nextInt(60);
        for (int i = 0; i < count; i++) {
            long at = r.nextInt(4) == 0 ? (i == 0 ? 0 : dmas.get(i - 1).at()) : r.nextInt(40) * 400_000L;
            int unit = new int[] {128, 256, 512, 512, 1024, 4096}[r.nextInt(6)];
            long start = IOVA + r.nextInt(PAGES) * PAGE + (r.nextBoolean() ? 0 : r.nextInt((int) PAGE));
            int bytes = 1 + r.nextInt(r.nextBoolean() ? 4096 : 16384);
            start = Math.min(start, IOVA + PAGES * PAGE - bytes);
            dmas.add(new Dma(at, 1 + r.nextInt(3), start, bytes, unit, tag));
            tag += 1000;
        }
        dmas.sort((a, b) -> Long.compare(a.at(), b.at()));
        return dmas;
    }

    /**
     * Drives both sides with the same DMAs (and, with {@code removals}, removals and their
     * invalidations), {@code a} and {@code b} sending each page's TLPs as one run or one by one,
     * then a closing phase of fresh misses.
     */
    static void drive(Side a, boolean aRuns, Side b, boolean bRuns, List<Dma> dmas, Random r, boolean removals) {
        for (Side s : new Side[] {a, b}) {
            boolean asRuns = s == a ? aRuns : bRuns;
            for (Dma d : dmas) {
                s.sim.scheduleAt(org.iommusim.core.kernel.Event.of(() -> send(s, d, asRuns)), d.at());
            }
        }
        if (removals) {
            for (int i = 0; i < 12; i++) {
                long at = r.nextInt(40) * 400_000L + 25_000L;
                long page = IOVA / PAGE + r.nextInt(PAGES);
                long after = at + (1 + r.nextInt(6)) * 1_000_000L + 1;
                for (Side s : new Side[] {a, b}) {
                    s.sim.scheduleAt(org.iommusim.core.kernel.Event.of(() -> s.iommu.invalidations().removed(
                            s.root, page * PAGE, page * PAGE + PAGE, false)), at);
                    s.sim.scheduleAt(org.iommusim.core.kernel.Event.of(() -> s.iommu.invalidations().takeEffect(
                            InvKind.IOTLB_RANGE, s.root, 0, page, 1, true)), after);
                }
            }
        }
        a.sim.run();
        b.sim.run();
        for (Side s : new Side[] {a, b}) { // fresh pages evict by the replacement state each side left
            for (int i = 0; i < PAGES; i++) {
                long page = (i * 7L) % PAGES;
                if (page != HOLE) {
                    s.iommu.translate(2, 0, IOVA + page * PAGE, Access.READ, 1_000_000 + i, s);
                }
            }
            s.sim.run();
        }
    }

    /**
     * Whether {@code d} sends its TLPs one by one, {@link #trickleStep} apart (as a write's cross the
     * link), on both sides: every DMA whose first tag / 1,000 is 2 modulo 3.
     */
    static boolean trickles(Dma d) {
        return d.firstTag() / 1000 % 3 == 2;
    }

    /** The spacing of a trickling DMA's TLPs: 0.5–2 ns, by its tag. */
    static long trickleStep(Dma d) {
        return 500 * (1 + d.firstTag() / 3000 % 4);
    }

    private static void send(Side s, Dma d, boolean asRuns) {
        long n = Tlps.count(d.start(), d.bytes(), d.unit());
        if (trickles(d)) {
            for (long i = 0; i < n; i++) {
                long addr = Tlps.start(d.start(), d.unit(), i);
                long tag = d.firstTag() + i;
                s.sim.schedule(org.iommusim.core.kernel.Event.of(
                        () -> s.iommu.translate(d.device(), 0, addr, Access.READ, tag, s)), i * trickleStep(d));
            }
            return;
        }
        for (long i = 0; i < n; ) {
            int k = asRuns ? Tlps.inSamePage(d.start(), d.unit(), i, n) : 1;
            long addr = Tlps.start(d.start(), d.unit(), i);
            if (asRuns) {
                s.iommu.translateRun(d.device(), 0, addr, d.unit(), k, Access.READ, d.firstTag() + i, s);
            } else {
                s.iommu.translate(d.device(), 0, addr, Access.READ, d.firstTag() + i, s);
            }
            i += k;
        }
    }

    static TimedIommuConfig config(Random r) {
        TimedIommuConfig d = TimedIommuConfig.defaults();
        String policy = POLICIES[r.nextInt(POLICIES.length)];
        String index = INDEXES[r.nextInt(INDEXES.length)];
        int entries = new int[] {8, 16, 32, 2048}[r.nextInt(4)];
        CacheConfig iotlb = new CacheConfig(entries, 4, policy, true, d.iotlb().latencyPs(), index);
        CacheConfig context = d.contextCache().withEnabled(r.nextInt(4) != 0);
        boolean inOrder = r.nextBoolean();
        int window = inOrder ? 0 : new int[] {0, 0, 2, 5}[r.nextInt(4)];
        PipelineConfig pipeline = new PipelineConfig(inOrder, window, new int[] {0, 1, 5}[r.nextInt(3)], 0, 0,
                r.nextInt(3) != 0, r.nextInt(4) == 0 ? 2_000 : 0);
        CacheConfig micro = new CacheConfig(8, 0, POLICIES[r.nextInt(POLICIES.length)], r.nextInt(3) == 0,
                d.tbuMicroTlb().latencyPs(), "modulo");
        int perDevice = new int[] {1, 3, 8, 16, 64}[r.nextInt(5)];
        int perIommu = new int[] {2, 7, 24, 64}[r.nextInt(4)];
        System.out.println("  iotlb " + entries + " " + policy + "/" + index + ", context " + context.enabled()
                + ", " + pipeline + ", micro-TLB " + micro.enabled() + " " + micro.policy() + ", in flight "
                + perIommu + "/" + perDevice);
        return new TimedIommuConfig(iotlb, d.pwc(), d.pwcLevels(), d.nestedTlb(), context, d.contextWalkReads(),
                d.contextIpaReads(), d.contextFirstStageReads(), d.walkers(), perIommu, perDevice, d.lazyFillPs(),
                pipeline, micro);
    }
}
