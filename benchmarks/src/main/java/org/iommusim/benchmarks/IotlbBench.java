package org.iommusim.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.hw.cache.CacheStats;
import org.iommusim.hw.cache.Iotlb;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The IOTLB ({@link Iotlb}) with the default configuration of the timed IOMMU
 * ({@link TimedIommuConfig#defaults()}: 2048 entries, 4-way = 512 sets, round-robin), one
 * domain and PASID 0, 4 KiB entries only.
 *
 * <p>{@code index} selects the set-index function (modulo, xor-fold, hash: the hashed index costs
 * a 64-bit mix per lookup and scatters consecutive pages).
 *
 * <p><b>hit</b>: lookups uniform over a hot set of {@value #HOT_PAGES} consecutive pages
 * (two per set, so with the modulo index everything fits; with a hash the pages of overflowing
 * sets are left out of the addresses), all filled in {@code @Setup}; each operation is
 * {@code lookup} + {@code translate} of the hit slot (tag probe, statistics, replacement
 * update). <b>missFill</b>: lookups uniform over {@value #COLD_PAGES} pages (4 GiB of IOVA,
 * 512× the capacity, so about 0.2 % hit); each operation is a {@code lookup} and, on a miss,
 * the {@code fill} that evicts a victim — the path every page walk ends with. The cache is
 * filled to capacity before measuring.
 *
 * <p>Addresses (page + random offset) come from a 64 Ki-entry array drawn in {@code @Setup}.
 * How to read: ns per operation (lower is better); the {@code @TearDown} prints the measured
 * hit ratio so the two paths can be checked to be what they claim.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xmx2g"})
public class IotlbBench {
    /** Pages of the working set that fits (half the capacity, two pages per set). */
    static final int HOT_PAGES = 1024;
    /** Pages of the working set that does not fit (2^20 = 4 GiB of 4 KiB pages). */
    static final int COLD_PAGES = 1 << 20;
    private static final int ADDRESSES = 1 << 16;
    private static final int DOMAIN = 1;
    private static final int PASID = 0;
    private static final int RW = 3;
    private static final long HPA_BASE = 1L << 40;

    /** An IOTLB, its statistics, and precomputed addresses over {@code pages} pages. */
    abstract static class Base {
        Iotlb iotlb;
        CacheStats stats;
        final long[] iovas = new long[ADDRESSES];
        int next;

        void build(int pages, long seed, String index) {
            CacheConfig d = TimedIommuConfig.defaults().iotlb();
            CacheConfig config = new CacheConfig(d.entries(), d.assoc(), d.policy(), d.enabled(), d.latencyPs(), index);
            stats = CacheStats.standalone("bench.iotlb");
            iotlb = new Iotlb(config, null, stats);
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int i = 0; i < ADDRESSES; i++) {
                iovas[i] = ((long) rnd.nextInt(pages) << 12) | rnd.nextInt(4096);
            }
        }

        long nextIova() {
            return iovas[next++ & (ADDRESSES - 1)];
        }

        @TearDown(Level.Trial)
        public void report() {
            System.out.printf("%n[%s] lookups %,d, hit ratio %.4f%n", getClass().getSimpleName(), stats.lookups(),
                    stats.hitRatio());
        }
    }

    /** Every page of the hot set cached. */
    @State(Scope.Thread)
    public static class Hot extends Base {
        /** The set-index function ({@code hw.cache.SetIndexes}): the textbook modulo, XOR folding, a hash. */
        @Param({"modulo", "xor-fold", "hash"})
        public String index;

        @Setup(Level.Trial)
        public void setUp() {
            build(HOT_PAGES, 1, index);
            for (long p = 0; p < HOT_PAGES; p++) {
                iotlb.fill(DOMAIN, PASID, p << 12, Iotlb.SIZE_4K, HPA_BASE + (p << 12), RW);
            }
            // With a hashed index some sets overflow (conflict misses); keep only cached pages.
            SplittableRandom rnd = new SplittableRandom(4);
            for (int i = 0; i < ADDRESSES; i++) {
                while (iotlb.lookup(DOMAIN, PASID, iovas[i]) == Iotlb.MISS) {
                    iovas[i] = ((long) rnd.nextInt(HOT_PAGES) << 12) | rnd.nextInt(4096);
                }
            }
            stats.reset();
        }
    }

    /** A full IOTLB and addresses spread over far more pages than it holds. */
    @State(Scope.Thread)
    public static class Cold extends Base {
        /** As {@link Hot#index}. */
        @Param({"modulo", "xor-fold", "hash"})
        public String index;

        @Setup(Level.Trial)
        public void setUp() {
            build(COLD_PAGES, 2, index);
            SplittableRandom rnd = new SplittableRandom(3);
            int entries = TimedIommuConfig.defaults().iotlb().entries();
            while (iotlb.size() < entries) {
                long p = rnd.nextInt(COLD_PAGES);
                iotlb.fill(DOMAIN, PASID, p << 12, Iotlb.SIZE_4K, HPA_BASE + (p << 12), RW);
            }
            stats.reset();
        }
    }

    /** Lookup that hits, and the translated address. */
    @Benchmark
    public void hit(Hot s, Blackhole bh) {
        long iova = s.nextIova();
        int slot = s.iotlb.lookup(DOMAIN, PASID, iova);
        bh.consume(s.iotlb.translate(slot, iova));
    }

    /** Lookup that (almost always) misses, then the fill that a completed walk performs. */
    @Benchmark
    public void missFill(Cold s, Blackhole bh) {
        long iova = s.nextIova();
        int slot = s.iotlb.lookup(DOMAIN, PASID, iova);
        if (slot == Iotlb.MISS) {
            long page = iova & ~(Iotlb.SIZE_4K - 1);
            bh.consume(s.iotlb.fill(DOMAIN, PASID, page, Iotlb.SIZE_4K, HPA_BASE + page, RW));
        } else {
            bh.consume(slot);
        }
    }
}
