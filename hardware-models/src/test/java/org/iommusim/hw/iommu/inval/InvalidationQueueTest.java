package org.iommusim.hw.iommu.inval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.iommusim.hw.iommu.inval.InvBatch.ANY_PASID;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.junit.jupiter.api.Test;

/** Hand-traced timing of the invalidation queue. Times are in ns in the comments. */
class InvalidationQueueTest {
    /** Histograms keep 3 significant digits; exact times are asserted on the callbacks. */
    private static final org.assertj.core.data.Percentage HDR_PRECISION = withinPercentage(0.1);
    private static final long NS = SimTime.NS;
    /** range 200, pasid 300, domain 400, global 500, device-atc 1000, wait 50 (ns). */
    private static final InvQueueConfig TIMES = new InvQueueConfig(128, 1L << 18, 200 * NS, 300 * NS, 400 * NS,
            500 * NS, 1000 * NS, 50 * NS);

    private final Simulator sim = new Simulator();
    private final StatsRegistry stats = new StatsRegistry(sim);
    private final List<String> log = new ArrayList<>();
    private final InvalidationEffect effects = (kind, target, pasid, first, pages, leaf) -> log.add(
            kind.statName() + "(" + target + "," + pasid + "," + first + "+" + pages + (leaf ? ",leaf" : "") + ")@"
                    + sim.now() / NS);

    private InvalidationQueue queue(InvQueueConfig c) {
        return new InvalidationQueue(sim, stats, "invq", c, effects);
    }

    private WaitListener waitLogger(String name) {
        return (tag, latency) -> log.add(name + "#" + tag + "@" + sim.now() / NS + " latency " + latency / NS);
    }

    private SubmitListener acceptLogger(String name) {
        return (b, blocked) -> log.add(name + " accepted@" + sim.now() / NS + " blocked " + blocked / NS);
    }

    private void at(long ns, Runnable r) {
        sim.scheduleAt(Event.of(r), ns * NS);
    }

    private long counter(String name) {
        return ((Counter) stats.get(name)).get();
    }

    @Test
    void descriptors_areProcessedOneAtATimeInFifoOrder_atTheirKindsTimes() {
        InvalidationQueue q = queue(TIMES);
        InvBatch a = q.newBatch();
        a.addRange(1, ANY_PASID, 0x100, 1, false);
        a.addPasid(1, 5);
        a.addGlobal();
        a.addWait(waitLogger("wait"), 7);
        InvBatch b = q.newBatch();
        b.addDomain(2);
        b.addDeviceAtc(9, 3, 0x40, 4);
        b.addWait(waitLogger("wait"), 8);
        at(0, () -> q.submit(a, null));
        at(2000, () -> q.submit(b, null));
        sim.run();
        // 0..200 range, 200..500 pasid, 500..1000 global, 1000..1050 wait;
        // 2000..2400 domain, 2400..3400 device-atc, 3400..3450 wait.
        assertThat(log).containsExactly("iotlb-range(1,-1,256+1)@200", "pasid(1,5,0+0)@500", "global(0,-1,0+0)@1000",
                "wait#7@1050 latency 1050", "domain(2,-1,0+0)@2400", "device-atc(9,3,64+4)@3400",
                "wait#8@3450 latency 1450");
        assertThat(counter("invq.descriptors.wait")).isEqualTo(2);
        assertThat(counter("invq.descriptors.iotlb-range")).isEqualTo(1);
        assertThat(counter("invq.descriptors.device-atc")).isEqualTo(1);
        // Queueing delays (acceptance to start): 0, 200, 500, 1000, 0, 400, 1400 ns.
        LatencyHistogram delay = (LatencyHistogram) stats.get("invq.queueing-delay");
        assertThat(delay.count()).isEqualTo(7);
        assertThat(delay.percentile(100)).isCloseTo(1400 * NS, HDR_PRECISION);
        assertThat(q.size()).isZero();
        assertThat(q.busy()).isFalse();
    }

    @Test
    void waitDescriptor_completesOnlyAfterEveryEarlierDescriptor_fromAnySubmitter() {
        InvalidationQueue q = queue(TIMES);
        InvBatch a = q.newBatch();
        for (int i = 0; i < 3; i++) {
            a.addRange(1, 0, i, 1, false);
        }
        InvBatch b = q.newBatch();
        b.addWait(waitLogger("b"), 1);
        at(0, () -> q.submit(a, null));
        at(100, () -> q.submit(b, null));
        sim.run();
        // Three ranges end at 200, 400, 600; the wait runs 600..650 and waited from 100.
        assertThat(log).containsExactly("iotlb-range(1,0,0+1)@200", "iotlb-range(1,0,1+1)@400",
                "iotlb-range(1,0,2+1)@600", "b#1@650 latency 550");
        LatencyHistogram waits = (LatencyHistogram) stats.get("invq.wait-latency");
        assertThat(waits.percentile(100)).isCloseTo(550 * NS, HDR_PRECISION);
    }

    @Test
    void fullQueue_blocksSubmitters_whoResumeInOrderAsSlotsFree() {
        InvalidationQueue q = queue(TIMES.withDepth(2));
        InvBatch a = q.newBatch();
        a.addRange(1, 0, 0, 1, false);
        a.addRange(1, 0, 1, 1, false);
        InvBatch b = q.newBatch();
        for (int i = 0; i < 3; i++) {
            b.addRange(2, 0, i, 1, false);
        }
        InvBatch c = q.newBatch();
        c.addWait(waitLogger("c"), 3);
        boolean[] fitAtOnce = new boolean[3];
        at(0, () -> fitAtOnce[0] = q.submit(a, acceptLogger("A")));
        at(50, () -> fitAtOnce[1] = q.submit(b, acceptLogger("B")));
        at(100, () -> fitAtOnce[2] = q.submit(c, acceptLogger("C")));
        at(150, () -> log.add("blocked " + q.blockedSubmitters() + ", queued " + q.size()));
        sim.run();
        // A fills both slots at 0. B (3 descriptors) blocks at 50, C queues behind B at 100.
        // 200: A0 takes effect, B0 enters; 400: A1 takes effect, B1 enters; 600: B0 takes effect, B2 enters,
        // so B is accepted (blocked 550); 800: B1 takes effect, C's wait enters, C is accepted (blocked 700);
        // 1000: B2 takes effect; 1050: the wait completes (latency 950).
        assertThat(log).containsExactly("A accepted@0 blocked 0", "blocked 2, queued 2", "iotlb-range(1,0,0+1)@200",
                "iotlb-range(1,0,1+1)@400", "iotlb-range(2,0,0+1)@600", "B accepted@600 blocked 550",
                "iotlb-range(2,0,1+1)@800", "C accepted@800 blocked 700", "iotlb-range(2,0,2+1)@1000",
                "c#3@1050 latency 950");
        assertThat(fitAtOnce).containsExactly(true, false, false);
        assertThat(counter("invq.submissions")).isEqualTo(3);
        assertThat(counter("invq.blocked-submissions")).isEqualTo(2);
        assertThat(counter("invq.rejections")).as("blocking is not rejection").isZero();
        LatencyHistogram blocked = (LatencyHistogram) stats.get("invq.submitter-blocked");
        assertThat(blocked.count()).isEqualTo(3);
        assertThat(blocked.percentile(100)).isCloseTo(700 * NS, HDR_PRECISION);
    }

    @Test
    void takeEffectHook_seesSplitRangeChunksInAddressOrder_withTheirFields_andNotWaits() {
        InvalidationQueue q = queue(TIMES.withMaxRangePages(4));
        InvBatch b = q.newBatch();
        // [3, 13) with at most 4 pages per descriptor: 3+1, 4+4, 8+4, 12+1.
        assertThat(b.addRange(7, 2, 3, 10, true)).isEqualTo(4);
        b.addWait(null, 0);
        b.addRange(7, ANY_PASID, 16, 2, false);
        q.submit(b, null);
        sim.run();
        assertThat(log).containsExactly("iotlb-range(7,2,3+1,leaf)@200", "iotlb-range(7,2,4+4,leaf)@400",
                "iotlb-range(7,2,8+4,leaf)@600", "iotlb-range(7,2,12+1,leaf)@800", "iotlb-range(7,-1,16+2)@1050");
    }

    @Test
    void batch_canBeReusedFromItsAcceptedCallback_butNotResubmittedWhileBlocked() {
        InvalidationQueue q = queue(TIMES.withDepth(1));
        InvBatch b = q.newBatch();
        b.addRange(1, 0, 0, 1, false);
        int[] rounds = {0};
        SubmitListener again = new SubmitListener() {
            @Override
            public void accepted(InvBatch batch, long blockedPs) {
                log.add("accepted@" + sim.now() / NS);
                if (++rounds[0] < 3) {
                    batch.clear().addRange(1, 0, rounds[0], 1, false);
                    q.submit(batch, this);
                }
            }
        };
        q.submit(b, again);
        assertThatThrownBy(() -> q.submit(b, again)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(b::clear).isInstanceOf(IllegalStateException.class);
        sim.run();
        // Depth 1: each resubmission waits for the previous descriptor to finish.
        assertThat(log).containsExactly("accepted@0", "iotlb-range(1,0,0+1)@200", "accepted@200",
                "iotlb-range(1,0,1+1)@400", "accepted@400", "iotlb-range(1,0,2+1)@600");
    }

    @Test
    void submit_ofABatchSplitWiderThanTheQueueLimit_isRejected() {
        InvalidationQueue q = queue(TIMES.withMaxRangePages(4));
        InvBatch wide = new InvBatch(8);
        wide.addGlobal();
        assertThatThrownBy(() -> q.submit(wide, null)).hasMessageContaining("limit 4");
    }

    @Test
    void defaults_followLinuxVtd() {
        InvQueueConfig d = InvQueueConfig.defaults();
        assertThat(d.format()).isEqualTo(QueueFormats.INTEL_VTD);
        assertThat(d.depth()).as("Linux QI_LENGTH").isEqualTo(256);
        assertThat(InvQueueConfig.defaults(QueueFormats.AMD_VI).depth()).as("CMD_BUFFER_ENTRIES").isEqualTo(512);
        assertThat(InvQueueConfig.defaults(QueueFormats.ARM_SMMUV3).depth()).isEqualTo(1 << 16);
        assertThat(d.maxRangePages()).isEqualTo(1L << 18);
        assertThatThrownBy(() -> d.withMaxRangePages(3)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> d.withDepth(0)).hasMessageContaining("depth");
    }
}
