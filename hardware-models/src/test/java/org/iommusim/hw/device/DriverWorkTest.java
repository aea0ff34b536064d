package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.control.CostModel;
import org.iommusim.hw.iommu.control.HostCpu;
import org.iommusim.hw.iommu.control.HostCpuConfig;
import org.iommusim.hw.iommu.control.HostEvents.Category;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.iommu.inval.InvQueueConfig;
import org.iommusim.hw.iommu.inval.InvalidationQueue;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pcie.LinkConfig;
import org.junit.jupiter.api.Test;

/**
 * {@link DriverWork}'s pooled completions: every completion reaches the inner mapper once, after
 * its work, with its own buffer, flag and callback, also when its pooled object served another
 * packet before (nothing carried over).
 */
class DriverWorkTest {
    private static final long COST = 500 * SimTime.NS;

    /** What the inner mapper was told, in order. */
    private record Call(long iova, long bytes, boolean unmap, TimedControlPlane.Done done, long at) {
    }

    @Test
    void completions_reachTheMapperWithTheirOwnArguments_acrossPoolReuse() {
        DeviceRig rig = new DeviceRig(5, TimedIommuConfig.defaults(), 80 * SimTime.NS, LinkConfig.defaults(),
                1L << 20, PageSize.SIZE_4K);
        HostCpu cpu = new HostCpu(rig.sim, rig.stats, "host", new HostCpuConfig(2));
        InvalidationQueue queue = new InvalidationQueue(rig.sim, rig.stats, "invq", InvQueueConfig.defaults(),
                rig.iommu.effectHook());
        TimedControlPlane tcp = new TimedControlPlane(rig.sim, rig.stats, "cp", rig.f.cp, rig.iommu, cpu,
                CostModel.defaults(), queue, UnmapPolicy.strictPolicy());
        List<Call> calls = new ArrayList<>();
        BufferMapper inner = new BufferMapper() {
            @Override
            public void map(long iova, long addr, long bytes, PageSize pageSize, TimedControlPlane.Done done) {
                throw new AssertionError("not used");
            }

            @Override
            public void unmap(long iova, long bytes, TimedControlPlane.Done done) {
                throw new AssertionError("not used");
            }

            @Override
            public void completed(long iova, long bytes, boolean unmap, TimedControlPlane.Done done) {
                calls.add(new Call(iova, bytes, unmap, done, rig.sim.now()));
                done.done(NOTHING_TO_DO, 0);
            }
        };
        BufferMapper work = DriverWork.around(inner, tcp, COST);
        assertThat(DriverWork.around(inner, tcp, 0)).isSameAs(inner);
        int[] done = new int[1];
        for (int batch = 0; batch < 3; batch++) { // batches 2 and 3 reuse the first batch's completions
            calls.clear();
            List<TimedControlPlane.Done> dones = new ArrayList<>();
            int n = 10 + 5 * batch;
            for (int i = 0; i < n; i++) {
                TimedControlPlane.Done d = (r, latency) -> done[0]++;
                dones.add(d);
                work.completed(0x1000L * (100 * batch + i), 64L * (i + 1), (i + batch) % 2 == 0, d);
            }
            long start = rig.sim.now();
            rig.sim.run();
            assertThat(calls).as("batch %d", batch).hasSize(n);
            for (int i = 0; i < n; i++) {
                Call c = calls.get(i); // two cores, equal costs: in issue order
                assertThat(c.iova()).isEqualTo(0x1000L * (100 * batch + i));
                assertThat(c.bytes()).isEqualTo(64L * (i + 1));
                assertThat(c.unmap()).isEqualTo((i + batch) % 2 == 0);
                assertThat(c.done()).isSameAs(dones.get(i));
                assertThat(c.at() - start).isEqualTo(COST * (i / 2 + 1));
            }
        }
        assertThat(done[0]).isEqualTo(10 + 15 + 20);
        assertThat(tcp.events().cpu(Category.DRIVER)).isEqualTo(COST * (10 + 15 + 20));
    }
}
