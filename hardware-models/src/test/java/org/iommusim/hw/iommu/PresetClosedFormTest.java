package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.iommusim.hw.cache.SetAssociativeCache.MISS;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.hw.cache.CacheStats;
import org.iommusim.hw.cache.SetAssociativeCache;
import org.iommusim.hw.iommu.arch.ArchPreset;
import org.iommusim.hw.iommu.arch.ArchPresets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The closed forms of VALIDATION.md under every architecture preset, where they apply: item 1
 * (cold walk length: n reads single-stage, n·m + n + m nested, for every level combination the
 * preset allows, with its caches off and its own pipeline) and item 2's cyclic-sweep forms for
 * the preset's IOTLB organisation where its set index is modulo (a sweep of the capacity hits
 * every reference after the first pass, a sweep of twice the capacity none; a hashed index, as
 * intel-vtd's, spreads a sweep unevenly, so the forms do not apply to it); item 2's uniform
 * random form with the preset's IOTLB capacity made fully associative LRU (no preset's IOTLB is
 * fully associative, so the organisation is set explicitly; the capacity is the preset's); and
 * item 3 (walker queueing, with Little's law of item 4 on the walker) on the preset's data path
 * with one walker. Items 4 on the invalidation and fault queues, per preset queue format, are in
 * {@code inval.InvalidationQueueLittleLawTest} and {@code fault.FaultQueueTest}; item 7 (stale use,
 * strict and lazy) in {@code StaleUseTest}; item 8 (invalidation scope, through each preset's
 * driver) in {@code WalkCacheEffectTest}. Item 9 (rejected operations leave no trace) is
 * preset-independent: it is a property of the functional control plane
 * ({@code ioasid.RejectionLeavesNoTraceTest}), which takes no preset — a preset only shapes the
 * timed structures and the capabilities a scenario is checked against at load.
 */
class PresetClosedFormTest {
    static List<Arguments> singleStage() {
        List<Arguments> out = new ArrayList<>();
        for (ArchPreset p : ArchPresets.BUILT_IN) {
            for (int n : p.caps().secondStageLevels()) {
                out.add(Arguments.of(p.name(), n));
            }
        }
        return out;
    }

    static List<Arguments> nested() {
        List<Arguments> out = new ArrayList<>();
        for (ArchPreset p : ArchPresets.BUILT_IN) {
            for (int n : p.caps().firstStageLevels()) {
                for (int m : p.caps().secondStageLevels()) {
                    out.add(Arguments.of(p.name(), n, m));
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}: single stage, {1} levels")
    @MethodSource("singleStage")
    void coldSingleStageWalk_readsOnePtePerLevel(String preset, int levels) {
        TimedIommuConfig c = ArchPresets.get(preset).iommu().withCachesOff();
        TimedRig rig = new TimedRig(ColdWalkTimingTest.native1(levels), c, ColdWalkTimingTest.MEM);
        TimedRig.Done d = rig.translateNow(1, ColdWalkTimingTest.IOVA);
        assertThat(d.ok()).isTrue();
        assertThat(rig.reads()).isEqualTo(levels);
        assertThat(d.latency()).isEqualTo(levels * ColdWalkTimingTest.MEM);
    }

    @ParameterizedTest(name = "{0}: {1}x{2} nested")
    @MethodSource("nested")
    void coldNestedWalk_readsNmPlusNPlusM(String preset, int n, int m) {
        TimedIommuConfig c = ArchPresets.get(preset).iommu().withCachesOff();
        TimedRig rig = new TimedRig(ColdWalkTimingTest.nested(n, m), c, ColdWalkTimingTest.MEM);
        TimedRig.Done d = rig.translateNow(1, ColdWalkTimingTest.IOVA);
        assertThat(d.ok()).as("%s", d).isTrue();
        assertThat(rig.reads()).isEqualTo(n * m + n + m);
        assertThat(d.latency()).isEqualTo((long) (n * m + n + m) * ColdWalkTimingTest.MEM);
    }

    static List<String> moduloIotlbs() {
        return ArchPresets.BUILT_IN.stream().filter(p -> p.iommu().iotlb().index().equals("modulo"))
                .map(ArchPreset::name).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("moduloIotlbs")
    void cyclicSweep_ofTheCapacityAlwaysHits_ofTwiceItNever(String preset) {
        CacheConfig iotlb = ArchPresets.get(preset).iommu().iotlb();
        assertThat(sweepHitRatio(iotlb, iotlb.entries())).isEqualTo(1.0);
        assertThat(sweepHitRatio(iotlb, 2 * iotlb.entries())).isEqualTo(0.0);
    }

    /**
     * Item 2, uniform random references: the preset's IOTLB capacity C as a fully associative LRU
     * cache; 10^6 independent uniform references over N pages after a warm-up of 10·N: hit
     * ratio C/N within 0.01 for N = 2C and N = 4C, and 1 for N = C/2 (every page fits).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iommusim.hw.iommu.arch.ArchPresets#names")
    void uniformRandomReferences_fullyAssociativeLru_hitRatioIsCOverN(String preset) {
        CacheConfig own = ArchPresets.get(preset).iommu().iotlb();
        CacheConfig lru = new CacheConfig(own.entries(), 0, "lru", true, own.latencyPs());
        int c = lru.entries();
        long seed = 2_000 + c;
        for (int n : new int[] {c / 2, 2 * c, 4 * c}) {
            double expected = Math.min(1.0, (double) c / n);
            double hit = uniformHitRatio(lru, n, 1_000_000, seed);
            System.out.printf("%s seed %d: C = %d, N = %d: hit ratio %.4f (expected %.4f)%n", preset, seed, c, n, hit,
                    expected);
            assertThat(hit).as("%s seed %d: C = %d, N = %d", preset, seed, c, n).isCloseTo(expected, within(0.01));
        }
    }

    /** Hit ratio of {@code refs} uniform random references over {@code pages} pages after 10·pages of warm-up. */
    private static double uniformHitRatio(CacheConfig config, int pages, int refs, long seed) {
        SetAssociativeCache c = new SetAssociativeCache(config, null, CacheStats.standalone("iotlb"));
        SplittableRandom r = new SplittableRandom(seed);
        long warmup = 10L * pages;
        for (long i = 0; i < warmup + refs; i++) {
            if (i == warmup) {
                c.stats().reset();
            }
            long page = r.nextInt(pages);
            if (c.lookup(0, page) == MISS) {
                c.insert(0, page, page);
            }
        }
        return c.stats().hitRatio();
    }

    static List<Arguments> walkerQueueing() {
        List<Arguments> out = new ArrayList<>();
        long seed = 3_100;
        for (String p : ArchPresets.names()) {
            out.add(Arguments.of(p, "exponential", 200.0, seed++));
            out.add(Arguments.of(p, "deterministic", 100.0, seed++));
        }
        return out;
    }

    /**
     * Item 3 on each preset's data path (its pipeline kept: VT-d's in-order completion and 5 miss
     * slots per device) with the walkers set to 1 and every cache off, so each miss is one walk of
     * one 200 ns read: the context lookup is then free (a disabled context cache, whatever the
     * preset's context reads per miss) and SMMUv3's TBU micro-TLB is off. Misses come round-robin
     * from 16 devices, so VT-d's 5 miss slots per device would bind only with 81 requests in the
     * walker (M/M/1 probability 0.5^81 at ρ = 0.5).
     *
     * <p>ρ = 0.5 (λ = 2.5 M/s, τ = 200 ns): M/M/1 Wq = ρτ/(1−ρ) = 200 ns, M/D/1 Wq = 100 ns,
     * within ±3% (VALIDATION's tolerance) over 10^6 arrivals per case rather than 10^7 at ρ = 0.8
     * ({@code WalkerQueueingTest} keeps that one on the defaults): the variance of the mean wait
     * grows as (1−ρ)^−4, 39 times smaller at ρ = 0.5 than at 0.8, so 10^6 arrivals here measure
     * Wq more tightly than 10^7 there, at a tenth of the run time.
     */
    @ParameterizedTest(name = "{0}, {1} service: Wq = {2} ns")
    @MethodSource("walkerQueueing")
    void oneWalker_poissonMisses_matchesClosedFormUnderEachPreset(String preset, String service,
                                                                   double expectedWqNs, long seed) {
        TimedIommuConfig c = ArchPresets.get(preset).iommu().withCachesOff().withWalkers(1)
                .withInFlight(1 << 20, 1 << 20);
        WalkerQueueingTest.Measured m = WalkerQueueingTest.measure(c, service, 400 * SimTime.NS, 1_000_000, 16, seed);
        m.check(expectedWqNs, 0.03, preset + " " + service);
    }

    /** Hit ratio of a cyclic sweep over {@code pages} consecutive pages after one warm-up pass. */
    private static double sweepHitRatio(CacheConfig config, int pages) {
        SetAssociativeCache c = new SetAssociativeCache(config, null, CacheStats.standalone("iotlb"));
        for (int round = 0; round < 4; round++) {
            if (round == 1) {
                c.stats().reset();
            }
            for (long page = 0; page < pages; page++) {
                if (c.lookup(0, page) == MISS) {
                    c.insert(0, page, page);
                }
            }
        }
        return c.stats().hitRatio();
    }
}
