package org.iommusim.hw.iommu.datapath;

import org.iommusim.hw.ioasid.Effects;

/**
 * Receives each lazy shadow fill a walk made (the functional change is done: the host resolved
 * a shadow miss from the guest table), so its work — the fault's handling, the guest reads and
 * shadow writes, any invalidations — is priced on the host CPU and submitted
 * ({@link org.iommusim.hw.iommu.control.TimedControlPlane} is the one implementation).
 */
@FunctionalInterface
public interface LazyFillSink {
    void filled(Effects fill);
}
