package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.iommusim.core.experiment.ReplicationContext;
import org.iommusim.core.results.Snapshot;
import org.iommusim.hw.iommu.control.CostModel;
import org.iommusim.scenarios.runner.Prepared;
import org.iommusim.scenarios.runner.ScenarioSource;
import org.junit.jupiter.api.Test;

/**
 * Work the host does for the data path is charged host CPU: each page request's handling
 * ({@code host.costs.pageRequest} plus the map), each fault record's handling
 * ({@code iommu.faultQueue.handlerService}) and each lazy shadow fill ({@code host.costs.shadowFault}
 * plus the guest reads and shadow writes) — and none completes with zero CPU time while its cost
 * is non-zero; the total is in {@code run.control-cpu-time}.
 */
class HostWorkCpuTest {
    private static Snapshot run(String resource, List<String> sets) {
        String text;
        try (var in = HostWorkCpuTest.class.getResourceAsStream("/scenarios/" + resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Prepared p = Prepared.of(new ScenarioSource(text, resource, Path.of("."), resource), sets);
        ScenarioModel m = p.models().get(0);
        return m.run(new ReplicationContext(m.scenario().seed(), 0));
    }

    private static double v(Snapshot s, String stat) {
        return s.get(stat).primary();
    }

    @Test
    void pageRequestsAndFaults_chargeTheirCostsOnHostCores() {
        Snapshot s = run("host-work-pri.yaml", List.of());
        double requests = v(s, "cp.op.page-request.count");
        double handled = v(s, "faultq.handled");
        assertThat(v(s, "pri.requests")).isPositive();
        assertThat(requests).as("every page response's handling ran on a core").isPositive();
        assertThat(v(s, "cp.op.page-request.cpu-time")).as("at least the fixed share each")
                .isGreaterThanOrEqualTo(requests * CostModel.DEFAULT_PAGE_REQUEST_PS);
        // dev0's faults become page requests and write no fault record; dev1's (no PRI) are recorded
        assertThat(handled).isPositive();
        assertThat(v(s, "faultq.cpu-time")).isEqualTo(handled * 2_000_000); // handlerService 2 us
        assertThat(v(s, "run.control-cpu-time")).isEqualTo(v(s, "cp.op.page-request.cpu-time")
                + v(s, "faultq.cpu-time"));
    }

    @Test
    void pageRequestCost_isWhatIsCharged() {
        Snapshot free = run("host-work-pri.yaml", List.of("host.costs.pageRequest=0ps"));
        Snapshot paid = run("host-work-pri.yaml", List.of("host.costs.pageRequest=5us"));
        double n = v(paid, "cp.op.page-request.count");
        assertThat(v(paid, "cp.op.page-request.cpu-time") - 5_000_000 * n)
                .as("the map's own work, as with a free entry").isPositive();
        assertThat(v(free, "cp.op.page-request.cpu-time")).isLessThan(v(paid, "cp.op.page-request.cpu-time"));
    }

    @Test
    void lazyFills_chargeTheFaultAndTheFillsWork() {
        Snapshot s = run("host-work-lazy-fill.yaml", List.of());
        double fills = v(s, "cp.op.lazy-fill.count");
        assertThat(fills).as("the guest's maps reach the shadow by lazy fill").isPositive();
        assertThat(v(s, "cp.op.lazy-fill.cpu-time")).as("fault share plus guest reads and shadow writes")
                .isGreaterThan(fills * CostModel.DEFAULT_SHADOW_FAULT_PS);
        assertThat(v(s, "run.control-cpu-time")).isGreaterThanOrEqualTo(v(s, "cp.op.lazy-fill.cpu-time"));
    }
}
