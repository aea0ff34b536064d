package org.iommusim.hw.iommu.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.junit.jupiter.api.Test;

class PageRequestPathTest {
    /** Histograms keep 3 significant digits; exact times are asserted on the callbacks. */
    private static final org.assertj.core.data.Percentage HDR_PRECISION = withinPercentage(0.1);
    private static final long US = SimTime.US;

    private final Simulator sim = new Simulator();
    private final StatsRegistry stats = new StatsRegistry(sim);
    private final List<String> retries = new ArrayList<>();

    @Test
    void pageRequest_waitsExactlyTheHandlerLatency_thenTheRequesterRetriesOnce() {
        PageRequestPath pri = new PageRequestPath(sim, stats, "pri", new PriConfig(10 * US));
        PriCallback device = (dev, pasid, addr, latency) -> retries.add("dev" + dev + " pasid" + pasid + " 0x"
                + Long.toHexString(addr) + " @" + sim.now() + " latency " + latency);
        sim.scheduleAt(Event.of(() -> pri.request(3, 7, 0xABC000L, device)), 3 * US);
        sim.scheduleAt(Event.of(() -> pri.request(4, 0, 0x1000L, device)), 4 * US);
        sim.scheduleAt(Event.of(() -> retries.add("outstanding " + pri.outstanding())), 5 * US);
        sim.run();
        assertThat(retries).containsExactly("outstanding 2", "dev3 pasid7 0xabc000 @" + 13 * US + " latency " + 10 * US,
                "dev4 pasid0 0x1000 @" + 14 * US + " latency " + 10 * US);
        assertThat(pri.requests()).isEqualTo(2);
        assertThat(pri.outstanding()).isZero();
        LatencyHistogram h = (LatencyHistogram) stats.get("pri.latency");
        assertThat(h.count()).isEqualTo(2);
        assertThat(h.percentile(100)).isCloseTo(10 * US, HDR_PRECISION);
    }

    @Test
    void retryFromTheCallback_canIssueAnotherRequest_reusingThePooledRecord() {
        PageRequestPath pri = new PageRequestPath(sim, stats, "pri", PriConfig.defaults());
        int[] calls = {0};
        PriCallback again = new PriCallback() {
            @Override
            public void pageReady(int dev, int pasid, long addr, long latency) {
                calls[0]++;
                retries.add("@" + sim.now() / US);
                if (calls[0] < 3) {
                    pri.request(dev, pasid, addr + 4096, this); // the retry faults on the next page
                }
            }
        };
        pri.request(1, 0, 0, again);
        sim.run();
        assertThat(retries).containsExactly("@10", "@20", "@30");
        assertThat(calls[0]).isEqualTo(3);
    }
}
