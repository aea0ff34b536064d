package org.iommusim.scenarios.model;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.random.DistributionSpec;
import org.iommusim.hw.workload.ControlWorkload;
import org.iommusim.hw.workload.WorkloadContext;
import org.iommusim.scenarios.schema.Scenario;
import org.iommusim.scenarios.schema.WorkloadSpec;

/**
 * Builds the scenario's control-plane workloads, each by its kind in {@link WorkloadKinds} from
 * its own section, statistics and random streams under {@code wl.<name>}, with the devices'
 * engines and their IOASIDs (a workload may quiesce them). The hardware record's
 * own checks (alignment, live &lt; slots, …) become located bad input.
 */
final class Workloads {
    private Workloads() {
    }

    static List<ControlWorkload> build(Wiring w, WorkloadKinds kinds, Scenario scenario,
                                       List<WorkloadContext.AttachedEngine> engines) {
        WorkloadContext ctx = new WorkloadContext(w.sim(), w.stats(), w.streams(), w.spaces().controlPlane(), w.tcp(),
                w.spaces()::guestTable, engines);
        List<ControlWorkload> out = new ArrayList<>();
        for (WorkloadSpec s : scenario.workloads()) {
            String path = "workloads." + s.name();
            WorkloadKind<?> kind = kinds.get(s.kind());
            DistributionSpec interArrival = w.at().build(path + ".interArrival", () -> s.interArrival().toSpec(w.baseDir()));
            out.add(w.at().build(path, () -> create(kind, ctx, s, w.spaces().id(s.ioasid()), interArrival)));
        }
        return out;
    }

    private static <S extends Record> ControlWorkload create(WorkloadKind<S> kind, WorkloadContext ctx, WorkloadSpec s,
                                                             int ioasid, DistributionSpec interArrival) {
        S section = s.sections().get(WorkloadKinds.sectionKey(kind.name()), kind.section());
        return kind.create(ctx, "wl." + s.name(), section, ioasid, s.poisson(), interArrival);
    }
}
