package org.iommusim.hw.workload;

import java.util.function.IntFunction;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.iommu.control.TimedControlPlane;

/**
 * What a workload is wired to: the run's simulator, statistics and random streams, the
 * functional control plane (read-only use: IOASID flags), the timed control plane that charges
 * every operation, and the guest tables by IOASID id (for guest workloads; null if none).
 */
public record WorkloadContext(Simulator sim, StatsRegistry stats, RandomStreams streams, ControlPlane cp,
                              TimedControlPlane tcp, IntFunction<GuestPageTable> guestTables) {
}
