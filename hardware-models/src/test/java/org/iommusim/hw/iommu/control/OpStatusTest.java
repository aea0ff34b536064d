package org.iommusim.hw.iommu.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.ioasid.AllocSpec;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.Errno;
import org.iommusim.hw.ioasid.OpError;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.junit.jupiter.api.Test;

/**
 * How an operation reports: a {@link TimedControlPlane.Status} is told only the error (null when
 * accepted), a plain {@link TimedControlPlane.Done} gets the {@link Result} with the same
 * {@link Effects} the functional call returns; either way the operation is charged the same.
 */
class OpStatusTest {
    private final Simulator sim = new Simulator();
    private final StatsRegistry stats = new StatsRegistry(sim);

    @Test
    void status_isToldNullWhenAccepted_andTheErrorWhenRejected() {
        TimedControlPlane tcp = HostCoreQueueingTest.runner(sim, stats, 1);
        int id = tcp.controlPlane().alloc(AllocSpec.root(4)).value();
        List<String> told = new ArrayList<>();
        tcp.map(id, 0x40_0000, 0x8000_0000L, 0x2000, Prot.RW, PageSize.SIZE_4K, false,
                (TimedControlPlane.Status) (error, latency) -> told.add("map " + error));
        tcp.unmap(id, 0x80_0000, 0x1000, false,
                (TimedControlPlane.Status) (error, latency) -> told.add("unmap " + (error == null ? null : error.errno())));
        sim.run();
        assertThat(told).containsExactly("map null", "unmap " + Errno.ENOENT);
        assertThat(tcp.stats().count(OpStats.Kind.MAP)).isEqualTo(1);
    }

    @Test
    void done_getsTheFunctionalCallsEffects_andIsChargedLikeAStatus() {
        Simulator sim2 = new Simulator();
        TimedControlPlane plain = HostCoreQueueingTest.runner(sim, stats, 1);
        TimedControlPlane lean = HostCoreQueueingTest.runner(sim2, new StatsRegistry(sim2), 1);
        ControlPlane reference = HostCoreQueueingTest.runner(new Simulator(), new StatsRegistry(new Simulator()), 1)
                .controlPlane();
        int id = plain.controlPlane().alloc(AllocSpec.root(4)).value();
        lean.controlPlane().alloc(AllocSpec.root(4)).value();
        reference.alloc(AllocSpec.root(4)).value();
        reference.map(id, 0x40_0000, 0x8000_0000L, 0x3000, Prot.RW, PageSize.SIZE_4K).value();
        Effects expected = reference.unmap(id, 0x40_0000, 0x3000).value();

        List<Result<Effects>> results = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        plain.map(id, 0x40_0000, 0x8000_0000L, 0x3000, Prot.RW, PageSize.SIZE_4K, false, (r, l) -> { });
        plain.unmap(id, 0x40_0000, 0x3000, false, (r, l) -> {
            results.add(r);
            latencies.add(l);
        });
        sim.run();
        List<OpError> errors = new ArrayList<>();
        lean.map(id, 0x40_0000, 0x8000_0000L, 0x3000, Prot.RW, PageSize.SIZE_4K, false,
                (TimedControlPlane.Status) (e, l) -> { });
        lean.unmap(id, 0x40_0000, 0x3000, false, (TimedControlPlane.Status) (e, l) -> {
            errors.add(e);
            latencies.add(l);
        });
        sim2.run();

        assertThat(results).hasSize(1);
        assertThat(results.get(0).value()).isEqualTo(expected);
        assertThat(expected.invalidations()).isNotEmpty();
        assertThat(errors).containsExactly((OpError) null);
        assertThat(latencies.get(1)).as("same work, same time").isEqualTo(latencies.get(0));
        assertThat(lean.stats().cpuTime(OpStats.Kind.UNMAP)).isEqualTo(plain.stats().cpuTime(OpStats.Kind.UNMAP));
    }
}
