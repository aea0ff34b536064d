package org.iommusim.hw.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.device.DmaEngine;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.IoasidView;
import org.iommusim.hw.iommu.control.TimedControlPlane;

/**
 * What a workload is wired to: the run's simulator, statistics and random streams, the
 * functional control plane (read-only use: IOASID flags), the timed control plane that charges
 * every operation, the guest tables by IOASID id (for guest workloads; null if none), and the
 * devices' DMA engines with the IOASID each is attached to (for a host that quiesces them).
 */
public record WorkloadContext(Simulator sim, StatsRegistry stats, RandomStreams streams, ControlPlane cp,
                              TimedControlPlane tcp, IntFunction<GuestPageTable> guestTables,
                              List<AttachedEngine> engines) {

    /** A device's DMA engine and the IOASID its DMAs translate through. */
    public record AttachedEngine(int ioasid, DmaEngine engine) {
    }

    public WorkloadContext {
        engines = List.copyOf(engines);
    }

    /** A context without devices. */
    public WorkloadContext(Simulator sim, StatsRegistry stats, RandomStreams streams, ControlPlane cp,
                           TimedControlPlane tcp, IntFunction<GuestPageTable> guestTables) {
        this(sim, stats, streams, cp, tcp, guestTables, List.of());
    }

    /** The engines attached to {@code ioasid} or to an IOASID below it in the tree. */
    public List<DmaEngine> enginesUnder(int ioasid) {
        List<DmaEngine> out = new ArrayList<>();
        for (AttachedEngine a : engines) {
            for (IoasidView x = cp.ioasid(a.ioasid()); x != null; x = x.parent()) {
                if (x.id() == ioasid) {
                    out.add(a.engine());
                    break;
                }
            }
        }
        return out;
    }
}
