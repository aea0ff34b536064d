package org.iommusim.hw.iommu.datapath;

import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.kernel.TimeBatch;
import org.iommusim.core.resource.FifoServer;
import org.iommusim.hw.iommu.inval.IommuInvalidations;
import org.iommusim.hw.iommu.stale.StaleUseOracle;
import org.iommusim.hw.functional.FunctionalWalker;

/**
 * What a {@link Walk} uses, given to it at construction: the simulator, the walker slots (a FIFO
 * server with k slots), the functional walker that reads the tables, the {@link WalkPlanner},
 * the read port, the fill port and its time, the invalidation count (a walk during which one
 * took effect does not fill), statistics, the stale-use oracle, the in-flight list and who
 * prices lazy shadow fills. The hardware the walks share; it holds no walk but through
 * {@link #inFlight}.
 */
final class WalkUnits {
    final Simulator sim;
    final FifoServer walkers;
    final FunctionalWalker functional;
    final WalkPlanner planner;
    final PteReadPort readPort;
    /** The one fill port (null when {@link #fillPs} is 0). */
    final FifoServer fillPort;
    final long fillPs;
    final IommuInvalidations invalidations;
    final DataPathStats stats;
    final StaleUseOracle oracle;
    final InFlightWalks inFlight;
    /**
     * The walks' own delays (the planned cache latencies before a read and after the last, the
     * fill port's time): walks that start together step together, so those of one instant fire
     * from one kernel event ({@link TimeBatch}; off with {@code -Diommusim.timeBatches=false}).
     */
    final TimeBatch steps;
    /** Told about each lazy shadow fill a walk made (null: nobody prices them). */
    LazyFillSink lazyFills;

    WalkUnits(Simulator sim, FifoServer walkers, FunctionalWalker functional, WalkPlanner planner, PteReadPort readPort,
              FifoServer fillPort, long fillPs, IommuInvalidations invalidations, DataPathStats stats,
              StaleUseOracle oracle) {
        this.sim = sim;
        this.walkers = walkers;
        this.functional = functional;
        this.planner = planner;
        this.readPort = readPort;
        this.fillPort = fillPort;
        this.fillPs = fillPs;
        this.invalidations = invalidations;
        this.stats = stats;
        this.oracle = oracle;
        this.inFlight = new InFlightWalks(this);
        this.steps = new TimeBatch(sim, !"false".equals(System.getProperty("iommusim.timeBatches")));
    }
}
