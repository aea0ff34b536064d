package org.iommusim.hw.iommu.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iommusim.hw.iommu.fault.FaultStage.SINGLE;
import static org.iommusim.hw.iommu.fault.FaultStage.STAGE1;
import static org.iommusim.hw.iommu.fault.FaultStage.STAGE2;
import static org.iommusim.hw.pagetable.FaultReason.NOT_PRESENT;
import static org.iommusim.hw.pagetable.FaultReason.NO_ATTACHMENT;
import static org.iommusim.hw.pagetable.FaultReason.OUT_OF_RANGE;
import static org.iommusim.hw.pagetable.FaultReason.PERMISSION;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.Distribution;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.resource.FifoServer;
import org.iommusim.core.resource.LittleLaw;
import org.iommusim.core.resource.ServerConfig;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.iommu.arch.ArchPreset;
import org.iommusim.hw.iommu.arch.ArchPresets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FaultQueueTest {
    private static final long US = SimTime.US;

    private final Simulator sim = new Simulator();
    private final StatsRegistry stats = new StatsRegistry(sim);
    private final List<String> handled = new ArrayList<>();
    private final FaultListener listener = (r, s, dev, pasid, addr, latency) -> handled.add(
            r.recordName() + "/" + s.statName() + " dev" + dev + " pasid" + pasid + " 0x" + Long.toHexString(addr) + " @"
                    + sim.now() / US + "us latency " + latency / US + "us");

    private long counter(String name) {
        return ((Counter) stats.get(name)).get();
    }

    @Test
    void fullQueue_countsOverflows_dropsTheFault_andKeepsWorking() {
        FaultQueue q = new FaultQueue(sim, stats, "fq", new FaultQueueConfig(4, US), null, listener);
        boolean[] recorded = new boolean[6];
        for (int i = 0; i < 6; i++) {
            recorded[i] = q.report(NOT_PRESENT, SINGLE, 1, 0, 0x1000L * i);
        }
        assertThat(recorded).containsExactly(true, true, true, true, false, false);
        assertThat(q.size()).isEqualTo(4);
        assertThat(q.overflows()).isEqualTo(2);
        sim.run();
        // One handler, 1 us per record, in order; the two lost faults are never handled.
        assertThat(handled).containsExactly("not-present/single dev1 pasid0 0x0 @1us latency 1us",
                "not-present/single dev1 pasid0 0x1000 @2us latency 2us",
                "not-present/single dev1 pasid0 0x2000 @3us latency 3us",
                "not-present/single dev1 pasid0 0x3000 @4us latency 4us");
        assertThat(q.report(PERMISSION, STAGE2, 2, 3, 0x9000)).as("room again after draining").isTrue();
        sim.run();
        assertThat(counter("fq.faults")).isEqualTo(7);
        assertThat(counter("fq.recorded")).isEqualTo(5);
        assertThat(counter("fq.overflows")).isEqualTo(2);
        assertThat(counter("fq.handled")).isEqualTo(5);
        assertThat(((LatencyHistogram) stats.get("fq.handling-latency")).count()).isEqualTo(5);
    }

    @Test
    void counters_byReasonAndStage_useStableNames_andCountLostFaultsToo() {
        FaultQueue q = new FaultQueue(sim, stats, "fq", new FaultQueueConfig(2, US), null, null);
        q.report(NOT_PRESENT, STAGE1, 1, 0, 0);
        q.report(NOT_PRESENT, STAGE2, 1, 0, 0);
        q.report(PERMISSION, STAGE1, 1, 0, 0); // overflow, still a permission fault in stage 1
        q.report(OUT_OF_RANGE, SINGLE, 1, 0, 0); // overflow
        q.report(NO_ATTACHMENT, SINGLE, 1, 0, 0); // overflow
        assertThat(counter("fq.reason.not-present")).isEqualTo(2);
        assertThat(counter("fq.reason.permission")).isEqualTo(1);
        assertThat(counter("fq.reason.out-of-range")).isEqualTo(1);
        assertThat(counter("fq.reason.no-context")).isEqualTo(1);
        assertThat(counter("fq.stage.stage1")).isEqualTo(2);
        assertThat(counter("fq.stage.stage2")).isEqualTo(1);
        assertThat(counter("fq.stage.single")).isEqualTo(2);
        assertThat(q.faults(NOT_PRESENT)).isEqualTo(2);
        assertThat(q.faults(SINGLE)).isEqualTo(2);
        assertThat(counter("fq.overflows")).isEqualTo(3);
    }

    @Test
    void handlerOnHostCpu_waitsForAFreeCore_thenHoldsItForTheServiceTime() {
        FifoServer cores = new FifoServer(sim, stats, "cpu", ServerConfig.unbounded(1));
        int[] other = {-1};
        cores.request((slot, waited) -> other[0] = slot); // another job holds the only core until 5 us
        sim.scheduleAt(Event.of(() -> cores.release(other[0])), 5 * US);
        FaultQueue q = new FaultQueue(sim, stats, "fq", new FaultQueueConfig(8, 2 * US), cores, listener);
        sim.scheduleAt(Event.of(() -> q.report(NO_ATTACHMENT, SINGLE, 4, 1, 0x40)), US);
        sim.run();
        // Faulted at 1 us, core free at 5 us, 2 us of service: handled at 7 us.
        assertThat(handled).containsExactly("no-context/single dev4 pasid1 0x40 @7us latency 6us");
        assertThat(cores.busy()).isZero();
        assertThat(cores.admitted()).isEqualTo(2);
    }

    /** VALIDATION.md item 4 on the fault queue: Poisson faults into a 16-record queue that overflows. */
    @Test
    void littlesLaw_poissonFaults_holdsWithinOnePercentDespiteOverflows() {
        long seed = 4_201;
        FaultQueue q = poissonFaults(16, seed);
        assertThat(q.overflows()).as("seed %d: the queue must overflow", seed).isGreaterThan(100);
    }

    static List<Arguments> presetFaultQueues() {
        List<Arguments> out = new ArrayList<>();
        long seed = 4_210;
        for (ArchPreset p : ArchPresets.BUILT_IN) {
            int records = p.faults() == null ? FaultQueueConfig.DEFAULT_CAPACITY : p.faults().faultRecords();
            out.add(Arguments.of(p.name(), records, seed++));
        }
        return out;
    }

    /**
     * Item 4 on each preset's fault queue (its fault records: VT-d's recording registers, SMMUv3's
     * event queue, AMD-Vi's event log; the generic preset keeps the reference capacity), same load
     * (2 µs handler, ρ ≈ 0.95): the shallow ones overflow, the deep ones do not; Little's law holds
     * over the admitted faults either way.
     */
    @ParameterizedTest(name = "{0}: {1} records, seed {2}")
    @MethodSource("presetFaultQueues")
    void littlesLaw_poissonFaults_holdsUnderEachPresetFaultQueue(String preset, int records, long seed) {
        FaultQueue q = poissonFaults(records, seed);
        System.out.printf("%s seed %d: %d records, %d overflows%n", preset, seed, records, q.overflows());
    }

    /** Poisson faults (mean gap 2.1 µs, 2 µs handler) into a {@code records}-deep queue; asserts Little's law. */
    private FaultQueue poissonFaults(int records, long seed) {
        FaultQueue q = new FaultQueue(sim, stats, "fq", new FaultQueueConfig(records, 2 * US), null, null);
        Distribution gaps = new RandomStreams(seed, 0).stream("faults").exponential(2.1 * US);
        long warmup = 20_000;
        long total = warmup + 300_000;
        long[] n = {0};
        Event fault = new Event() {
            @Override
            public void fire() {
                if (n[0] == warmup) {
                    stats.reset();
                }
                q.report(NOT_PRESENT, SINGLE, 0, 0, n[0]);
                if (++n[0] < total) {
                    sim.schedule(this, gaps.sampleLong());
                }
            }
        };
        sim.schedule(fault, gaps.sampleLong());
        sim.run();
        LittleLaw l = q.littleLaw();
        assertThat(l.relativeError()).as("seed %d, %d records: L = %.4f, λW = %.4f", seed, records, l.meanOccupancy(),
                l.predictedOccupancy()).isLessThan(0.01);
        return q;
    }
}
