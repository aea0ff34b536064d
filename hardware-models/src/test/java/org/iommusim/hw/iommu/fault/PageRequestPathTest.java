package org.iommusim.hw.iommu.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.pagetable.Access;
import org.junit.jupiter.api.Test;

/** The host side of PRI: groups queued as units, one resolve and one response per group, auto-response when full. */
class PageRequestPathTest {
    /** Histograms keep 3 significant digits; exact times are asserted on the callbacks. */
    private static final org.assertj.core.data.Percentage HDR_PRECISION = withinPercentage(0.1);
    private static final long US = SimTime.US;

    private final Simulator sim = new Simulator();
    private final StatsRegistry stats = new StatsRegistry(sim);
    private final List<String> log = new ArrayList<>();

    /** A group of {@code n} pages from {@code base} that logs its answer. */
    private PageGroup group(int device, int n, long base) {
        return new PageGroup() {
            @Override
            public int device() {
                return device;
            }

            @Override
            public int pasid() {
                return 7;
            }

            @Override
            public int size() {
                return n;
            }

            @Override
            public long page(int i) {
                return base + i * 4096L;
            }

            @Override
            public Access access() {
                return Access.READ;
            }

            @Override
            public void answered(boolean automatic, long latencyPs) {
                log.add("dev" + device + (automatic ? " auto" : " answered") + " @" + sim.now() / US + " latency "
                        + latencyPs / US);
            }
        };
    }

    @Test
    void group_waitsExactlyTheHandlerLatency_resolvedOnceAndAnsweredOnce() {
        PageRequestPath pri = new PageRequestPath(sim, stats, "pri", new PriConfig(10 * US));
        pri.setResolver(g -> log.add("resolve dev" + g.device() + " " + g.size() + " pages"));
        sim.scheduleAt(Event.of(() -> pri.submit(group(3, 4, 0xABC000L))), 3 * US);
        sim.scheduleAt(Event.of(() -> pri.submit(group(4, 1, 0x1000L))), 4 * US);
        sim.scheduleAt(Event.of(() -> log.add("outstanding " + pri.outstanding())), 5 * US);
        sim.run();
        assertThat(log).containsExactly("outstanding 5", "resolve dev3 4 pages", "dev3 answered @13 latency 10",
                "resolve dev4 1 pages", "dev4 answered @14 latency 10");
        assertThat(pri.requests()).isEqualTo(5);
        assertThat(pri.groups()).isEqualTo(2);
        assertThat(pri.responses()).isEqualTo(2);
        assertThat(pri.outstanding()).isZero();
        LatencyHistogram h = (LatencyHistogram) stats.get("pri.latency");
        assertThat(h.count()).isEqualTo(2);
        assertThat(h.percentile(100)).isCloseTo(10 * US, HDR_PRECISION);
        assertThat(((LatencyHistogram) stats.get("pri.group-size")).percentile(100)).isEqualTo(4L);
    }

    @Test
    void groupThatDoesNotFit_isAutoRespondedWhole_afterTheAutoResponseTime_unresolved() {
        PageRequestPath pri = new PageRequestPath(sim, stats, "pri", new PriConfig(10 * US, 4, 2 * US));
        pri.setResolver(g -> log.add("resolve dev" + g.device()));
        pri.submit(group(1, 3, 0));
        pri.submit(group(2, 2, 0x10000)); // 3 + 2 > 4: none of it is queued
        pri.submit(group(3, 1, 0x20000)); // 3 + 1 fits
        sim.run();
        assertThat(log).containsExactly("dev2 auto @2 latency 2", "resolve dev1", "dev1 answered @10 latency 10",
                "resolve dev3", "dev3 answered @10 latency 10");
        assertThat(pri.autoResponses()).isEqualTo(1);
        assertThat(pri.responses()).isEqualTo(2);
        assertThat(stats.get("pri.queued")).extracting(s -> ((org.iommusim.core.stats.Counter) s).get()).isEqualTo(4L);
    }

    @Test
    void answerThatSubmitsAgain_reusesThePooledRecord() {
        PageRequestPath pri = new PageRequestPath(sim, stats, "pri", PriConfig.defaults());
        int[] calls = {0};
        PageGroup[] again = new PageGroup[1];
        again[0] = new PageGroup() {
            public int device() {
                return 1;
            }

            public int pasid() {
                return 0;
            }

            public int size() {
                return 1;
            }

            public long page(int i) {
                return 0;
            }

            public Access access() {
                return Access.WRITE;
            }

            public void answered(boolean automatic, long latencyPs) {
                log.add("@" + sim.now() / US);
                if (++calls[0] < 3) {
                    pri.submit(this); // the retry faults again
                }
            }
        };
        pri.submit(again[0]);
        sim.run();
        assertThat(log).containsExactly("@10", "@20", "@30");
    }

    @Test
    void emptyGroup_isRejected() {
        PageRequestPath pri = new PageRequestPath(sim, stats, "pri", PriConfig.defaults());
        assertThatThrownBy(() -> pri.submit(group(1, 0, 0))).hasMessageContaining("at least one request");
    }
}
