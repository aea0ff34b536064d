package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.ats.AtsConfig;
import org.iommusim.hw.iommu.fault.PageGroup;
import org.iommusim.hw.iommu.fault.PageRequestGroups;
import org.iommusim.hw.iommu.fault.PageRequestHandler;
import org.iommusim.hw.iommu.fault.PageRequestPath;
import org.iommusim.hw.iommu.fault.PriConfig;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pcie.LinkConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Page request groups end to end (DmaTransfer's PRI hook, {@link PageRequestGroups},
 * {@link PageRequestPath}): an ATS device reads k unmapped 4 KiB pages in one DMA. Every one of
 * its k × 8 request TLPs (MRRS 512 B) fails translation; the DMA sends the k pages as ONE group,
 * software maps them and writes one response, and the DMA retries its k × 8 translations, which
 * now succeed.
 */
class PageRequestGroupDmaTest {
    private static final long PAGE = 4096;
    private static final long HANDLER = 10 * SimTime.US;
    private static final long UNMAPPED = DeviceRig.BASE + (1L << 20); // the rig maps 1 MiB at BASE

    private final DeviceRig rig = new DeviceRig(1, TimedIommuConfig.defaults().withCachesOff(), 100 * SimTime.NS,
            LinkConfig.defaults(), 1L << 20, PageSize.SIZE_4K);
    private final List<Integer> handledGroups = new ArrayList<>();
    private PageRequestPath path;

    private DmaEngine engine(int queueDepth, int allocation, boolean maps) {
        rig.iommu.enableAts(DeviceRig.DEVICE, AtsConfig.defaults());
        PriConfig c = new PriConfig(HANDLER, queueDepth, SimTime.US, allocation);
        path = new PageRequestPath(rig.sim, rig.stats, "pri", c);
        PageRequestHandler handler = new PageRequestHandler() {
            @Override
            public boolean recoverable(int device, int pasid, int ioasid, FaultReason reason, int stage) {
                return reason == FaultReason.NOT_PRESENT;
            }

            @Override
            public void handle(int ioasid, PageGroup g) {
                handledGroups.add(g.size());
                for (int i = 0; maps && i < g.size(); i++) {
                    rig.f.map(ioasid, g.page(i), DeviceRig.HPA + g.page(i) - DeviceRig.BASE, PAGE, PageSize.SIZE_4K);
                }
            }
        };
        rig.iommu.setPageRequests(new PageRequestGroups(path, rig.f.cp, handler, c, rig.stats, "pri"));
        DmaEngine e = new DmaEngine(rig.sim, rig.stats, rig.streams, "dev1", DeviceRig.DEVICE,
                DmaConfig.defaults().withMaxOutstanding(8), new IssueMode.Driven(), null, rig.iommu, rig.link);
        e.start();
        return e;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8})
    void dmaFaultingOnKPages_sendsOneGroupOfKRequests_oneResponse_retriesEveryTlp(int k) {
        DmaEngine e = engine(2047, 32, true);
        e.submit(UNMAPPED + k * 64 * PAGE, (int) (k * PAGE), Access.READ, 0, 1);
        rig.sim.run();

        long tlps = k * PAGE / 512;
        assertThat(rig.counter("pri.groups")).isEqualTo(1);
        assertThat(rig.counter("pri.requests")).isEqualTo(k);
        assertThat(rig.counter("pri.responses")).isEqualTo(1);
        assertThat(rig.counter("pri.retries")).as("every TLP of the k pages").isEqualTo(tlps);
        assertThat(rig.counter("dev1.translations")).as("first round and retry").isEqualTo(2 * tlps);
        assertThat(rig.counter("dev1.completed")).isEqualTo(1);
        assertThat(rig.counter("dev1.aborted")).isZero();
        assertThat(handledGroups).containsExactly(k);
        assertThat(((LatencyHistogram) rig.stats.get("pri.group-size")).count()).isEqualTo(1);
    }

    @Test
    void allocationSmallerThanTheGroup_boundsOutstandingRequests_groupGoesOutInParts() {
        DmaEngine e = engine(2047, 2, true);
        e.submit(UNMAPPED, (int) (5 * PAGE), Access.READ, 0, 1);
        rig.sim.run();

        assertThat(handledGroups).as("parts of at most the allocation, in order").containsExactly(2, 2, 1);
        assertThat(rig.counter("pri.groups")).isEqualTo(3);
        assertThat(rig.counter("pri.requests")).isEqualTo(5);
        assertThat(rig.counter("pri.allocation-waits")).as("the DMA's group waited once").isEqualTo(1);
        assertThat(rig.counter("pri.retries")).as("retried once, after the last part").isEqualTo(5 * PAGE / 512);
        assertThat(rig.counter("dev1.completed")).isEqualTo(1);
    }

    @Test
    void groupLargerThanTheFreeQueue_isAutoRespondedAsAUnit_nothingMapped_dmaAbortsAfterItsAttempts() {
        DmaEngine e = engine(3, 32, true);
        e.submit(UNMAPPED, (int) (4 * PAGE), Access.READ, 0, 1);
        rig.sim.run();

        assertThat(rig.counter("pri.groups")).as("one group per attempt (3)").isEqualTo(3);
        assertThat(rig.counter("pri.auto-responses")).isEqualTo(3);
        assertThat(rig.counter("pri.requests")).isEqualTo(12);
        assertThat(rig.counter("pri.queued")).as("no request of an auto-responded group is queued").isZero();
        assertThat(rig.counter("pri.responses")).isZero();
        assertThat(handledGroups).isEmpty();
        assertThat(rig.counter("dev1.aborted")).isEqualTo(1);
    }

    @Test
    void groupThatFitsTheQueueExactly_isQueuedAndAnswered() {
        DmaEngine e = engine(4, 32, true);
        e.submit(UNMAPPED, (int) (4 * PAGE), Access.READ, 0, 1);
        rig.sim.run();

        assertThat(rig.counter("pri.auto-responses")).isZero();
        assertThat(handledGroups).containsExactly(4);
        assertThat(rig.counter("dev1.completed")).isEqualTo(1);
    }

    @Test
    void twoDmas_eachSendsItsOwnGroup() {
        DmaEngine e = engine(2047, 32, true);
        e.submit(UNMAPPED, (int) (2 * PAGE), Access.READ, 0, 1);
        e.submit(UNMAPPED + 16 * PAGE, (int) (3 * PAGE), Access.WRITE, 0, 2);
        rig.sim.run();

        assertThat(handledGroups).containsExactlyInAnyOrder(2, 3);
        assertThat(rig.counter("pri.responses")).isEqualTo(2);
        assertThat(rig.counter("dev1.completed")).isEqualTo(2);
    }
}
