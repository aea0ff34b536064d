package org.iommusim.scenarios.model;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.workload.ControlWorkload;
import org.iommusim.hw.workload.ControlWorkloads;
import org.iommusim.hw.workload.GuestPteWritesConfig;
import org.iommusim.hw.workload.ParentChurnConfig;
import org.iommusim.hw.workload.RangeInvalidationsConfig;
import org.iommusim.hw.workload.WorkloadContext;
import org.iommusim.scenarios.schema.Scenario;
import org.iommusim.scenarios.schema.WorkloadSpec;

/**
 * Builds the scenario's control-plane workloads through the {@link ControlWorkloads} registry,
 * statistics and random streams under {@code wl.<name>}. Converts each section to its hardware
 * record; the record's own checks (alignment, live &lt; slots, …) become located bad input.
 */
final class Workloads {
    private Workloads() {
    }

    static List<ControlWorkload> build(Wiring w, Scenario scenario) {
        WorkloadContext ctx = new WorkloadContext(w.sim(), w.stats(), w.streams(), w.spaces().controlPlane(), w.tcp(),
                w.spaces()::guestTable);
        List<ControlWorkload> out = new ArrayList<>();
        for (WorkloadSpec s : scenario.workloads()) {
            String path = "workloads." + s.name();
            org.iommusim.hw.workload.WorkloadSpec spec = w.at().build(path, () -> spec(s, w.spaces().id(s.ioasid())));
            out.add(w.at().build(path, () -> ControlWorkloads.create(spec, ctx, "wl." + s.name())));
        }
        return out;
    }

    private static org.iommusim.hw.workload.WorkloadSpec spec(WorkloadSpec s, int ioasid) {
        return switch (s.kind()) {
            case GuestPteWritesConfig.NAME -> {
                WorkloadSpec.GuestPteWrites g = s.guestPteWrites();
                yield new GuestPteWritesConfig(ioasid, g.iovaBase(), g.gpaBase(), g.slots(), g.live(), g.rate(),
                        s.poisson(), g.mapInvalidation(), Prot.RW);
            }
            case RangeInvalidationsConfig.NAME -> {
                WorkloadSpec.RangeInvalidations r = s.rangeInvalidations();
                yield new RangeInvalidationsConfig(ioasid, r.start(), r.span(), r.range(), r.rate(), s.poisson(),
                        r.leafOnly(), r.guest());
            }
            case ParentChurnConfig.NAME -> {
                WorkloadSpec.ParentChurn c = s.parentChurn();
                yield new ParentChurnConfig(ioasid, c.gpaBase(), c.bytes(), c.hpaBase(), c.altHpaBase(),
                        c.fractionPerSecond(), s.poisson());
            }
            default -> throw new IllegalArgumentException("unknown control-plane workload '" + s.kind() + "'; valid: "
                    + ControlWorkloads.names());
        };
    }
}
