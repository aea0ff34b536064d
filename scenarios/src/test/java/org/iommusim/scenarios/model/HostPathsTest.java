package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.iommusim.core.experiment.ReplicationContext;
import org.iommusim.core.results.Snapshot;
import org.iommusim.hw.iommu.control.HostEvents;
import org.iommusim.hw.iommu.control.OpStats;
import org.iommusim.scenarios.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * Every software path of issue 16 is reachable from a scenario and charges its cost where it
 * should: a host NIC on each DMA path, a guest NIC under each vIOMMU mode and flush policy. In
 * every run no operation kind completes with zero host CPU while it has work to pay for, and
 * the host CPU categories ({@code cp.cpu.*}) add up to the operations' core time (up to the
 * operations in flight at the edges of the measured window).
 */
class HostPathsTest {
    private static String yaml() {
        try (var in = HostPathsTest.class.getResourceAsStream("/scenarios/host-paths.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Snapshot run(String... sets) {
        var c = ScenarioSchema.loader().load(yaml(), "host-paths.yaml", List.of(sets));
        ScenarioModel m = new ScenarioModel(c, Path.of("."));
        m.check();
        Snapshot s = m.run(new ReplicationContext(c.value().seed(), 0));
        noFreeWorkAndCategoriesAddUp(s, List.of(sets).contains("host.viommu=hw-queue"));
        return s;
    }

    private static double v(Snapshot s, String stat) {
        return s.get(stat).primary();
    }

    /** Host work with a cost is never free, and the categories split the core time exactly. */
    static void noFreeWorkAndCategoriesAddUp(Snapshot s, boolean hwQueue) {
        double ops = 0;
        for (OpStats.Kind k : OpStats.Kind.values()) {
            double count = v(s, "cp.op." + k.statName() + ".count");
            double cpu = v(s, "cp.op." + k.statName() + ".cpu-time");
            ops += cpu;
            boolean guestQueue = hwQueue && k == OpStats.Kind.INVALIDATE; // no host CPU by design
            if (count > 0 && !guestQueue) {
                assertThat(cpu).as(k.statName() + " operations completed with zero host CPU").isPositive();
            }
        }
        double categories = 0;
        for (HostEvents.Category c : HostEvents.Category.values()) {
            categories += v(s, "cp.cpu." + c.statName());
        }
        // up to the operations in flight at the window's edges (charged as they go, counted when done);
        // exact equality is SoftwarePathCostTest's
        assertThat(categories).as("the categories split the operations' core time").isCloseTo(ops,
                org.assertj.core.data.Offset.offset(ops * 0.02 + 10e6));
    }

    @Test
    void dmaApiHostNic_paysCallsIovasAndItsStack_noSyscalls() {
        Snapshot s = run("devices.nicg.nic.rxRing=0", "devices.nicg.nic.txRing=1", "devices.nicg.nic.lineRateGbps=0.001");
        assertThat(v(s, "cp.events.dma-api-calls")).isPositive();
        assertThat(v(s, "cp.events.iova.allocs")).isPositive();
        assertThat(v(s, "cp.cpu.driver")).as("1 us per packet").isEqualTo(v(s, "cp.events.driver-packets") * 1e6);
        assertThat(v(s, "cp.events.pages-pinned")).isZero();
    }

    @Test
    void vfioAndStaticHostNic_payIoctlsAndPinningOrOneMapOnly() {
        Snapshot vfio = run("devices.nich.driver.path=vfio");
        assertThat(v(vfio, "cp.events.pages-pinned")).isPositive();
        assertThat(v(vfio, "cp.cpu.pinning")).isPositive();
        Snapshot stat = run("devices.nich.driver.path=static", "devices.nich.driver.buffers=premapped-pool");
        assertThat(v(stat, "cp.op.map.count")).as("guest pool + host pool, mapped once").isLessThanOrEqualTo(2);
        assertThat(v(stat, "cp.events.iova.allocs")).isZero();
    }

    @Test
    void identityHostNic_mapsNothing() {
        Snapshot s = run("devices.nich.driver.path=identity", "devices.nich.translation=pass-through");
        assertThat(v(s, "dev.nich.rx.packets")).isPositive();
        assertThat(v(s, "cp.events.dma-api-calls")).isZero();
    }

    @Test
    void guestNic_eachVIommuMode_paysItsEntries() {
        Snapshot user = run("host.viommu=trap-user");
        assertThat(v(user, "cp.events.vm-exits.iommu-access")).isPositive();
        assertThat(v(user, "cp.events.exits-to-user")).isEqualTo(v(user, "cp.events.vm-exits.iommu-access"));
        assertThat(v(user, "cp.cpu.exit-to-user")).isPositive();
        Snapshot kernel = run("host.viommu=trap-kernel");
        assertThat(v(kernel, "cp.events.exits-to-user")).isZero();
        assertThat(v(kernel, "cp.cpu.vm-exit")).isPositive();
        Snapshot side = run("host.viommu=sidecore");
        assertThat(v(side, "cp.events.vm-exits.iommu-access")).isZero();
        assertThat(v(side, "host.sidecore.cores.completions")).isPositive();
        Snapshot hw = run("host.viommu=hw-queue");
        assertThat(v(hw, "cp.op.invalidate.count")).isPositive();
        assertThat(v(hw, "cp.op.invalidate.cpu-time")).as("no host CPU for the guest's queue").isZero();
    }

    @Test
    void virtioIommuGuestNic_sendsMapRequests() {
        Snapshot s = run("host.viommu=virtio-iommu", "devices.nicg.ioasid=virt", "devices.nicg.driver.side=guest");
        assertThat(v(s, "cp.events.vm-exits.virtio-kick")).isPositive();
        assertThat(v(s, "cp.events.pages-pinned")).isPositive();
    }

    @Test
    void guestFlushPolicies_batchedAndOptimistic_cutTheExits() {
        double strict = v(run(), "cp.events.vm-exits.iommu-access");
        double batched = v(run("devices.nicg.driver.flush=batched", "devices.nicg.driver.batch=4"),
                "cp.events.vm-exits.iommu-access");
        double optimistic = v(run("devices.nicg.driver.flush=optimistic"), "cp.events.vm-exits.iommu-access");
        assertThat(strict).isGreaterThanOrEqualTo(8);
        assertThat(batched).as("one domain invalidation per 4 unmaps").isPositive().isLessThanOrEqualTo(strict / 3);
        assertThat(optimistic).as("no unmaps, no caching-mode map invalidations").isZero();
    }

    @Test
    void tenGbePredictionScenario_everyVariantBuilds() throws IOException {
        // the scenario behind CALIBRATION.md's 10 GbE predictions stays loadable as the schema evolves
        everyVariantBuilds("ten-gbe-paths.yaml", 12);
    }

    /** Loads test scenario {@code resource}, checks it has {@code variants} variants and builds each. */
    static void everyVariantBuilds(String resource, int variants) throws IOException {
        String text;
        try (var in = HostPathsTest.class.getResourceAsStream("/scenarios/" + resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var p = org.iommusim.scenarios.runner.Prepared.of(new org.iommusim.scenarios.runner.ScenarioSource(text,
                resource, Path.of("."), resource), List.of());
        assertThat(p.models()).hasSize(variants);
        for (ScenarioModel m : p.models()) {
            m.check();
        }
    }

    @Test
    void impossibleCombinations_areLocatedBadInput() {
        assertThatThrownBy(() -> run("devices.nich.driver.path=static")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("devices.nich.driver.path").hasMessageContaining("premapped-pool");
        assertThatThrownBy(() -> run("devices.nich.driver.path=identity")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("pass-through");
        assertThatThrownBy(() -> run("devices.nich.driver.flush=batched")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("devices.nich.driver.flush");
        assertThatThrownBy(() -> run("host.viommu=virtio-iommu")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("devices.nicg.driver.side");
        assertThatThrownBy(() -> run("devices.nich.driver.side=guest")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("virtio-iommu");
        assertThatThrownBy(() -> run("host.viommu=hw-queue", "ioasids.vm.nesting=software"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("host.viommu");
    }
}
