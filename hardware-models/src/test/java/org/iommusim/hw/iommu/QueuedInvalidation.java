package org.iommusim.hw.iommu;

import java.util.List;
import org.iommusim.hw.ioasid.Invalidation;
import org.iommusim.hw.iommu.inval.InvQueueConfig;
import org.iommusim.hw.iommu.inval.InvalidationQueue;
import org.iommusim.hw.iommu.inval.InvalidationSubmitter;

/**
 * Invalidations in tests through the one path the simulator has: descriptors written to an
 * invalidation queue that take effect in the IOMMU as the queue processes them.
 */
final class QueuedInvalidation {
    private final TimedRig rig;
    private final InvalidationSubmitter submitter;

    /** A default queue (statistics under {@code invq}) in front of {@code rig}'s IOMMU. */
    QueuedInvalidation(TimedRig rig) {
        this(rig, new InvalidationQueue(rig.sim, rig.stats, "invq", InvQueueConfig.defaults(),
                rig.iommu.effectHook()));
    }

    /** {@code queue}, already wired to {@code rig}'s IOMMU. */
    QueuedInvalidation(TimedRig rig, InvalidationQueue queue) {
        this.rig = rig;
        this.submitter = new InvalidationSubmitter(queue, rig.iommu.invalidations());
    }

    /** Submits {@code inv}'s descriptors and runs the simulation until they have all taken effect. */
    void invalidate(Invalidation inv) {
        submitter.submit(List.of(inv), null);
        rig.sim.run();
    }
}
