package org.iommusim.hw.device;

import org.iommusim.hw.pagetable.Access;

/**
 * Told about the requests of one {@link DmaEngine}: when each takes its tag (a trace writer
 * records it) and when each ends (a NIC ring frees its descriptor). Called on the simulation
 * thread, in simulated-time order; implementations should not allocate on the data path.
 */
public interface DmaListener {
    /** Tells nothing. */
    DmaListener NONE = new DmaListener() {
    };

    /**
     * A request took a tag.
     *
     * @param arrivalPs when it arrived (earlier than now if it waited for a tag)
     */
    default void issued(int device, long arrivalPs, int pasid, long iova, int bytes, Access access) {
    }

    /**
     * A request ended: completed ({@code ok}) or aborted by a translation fault.
     *
     * @param tag       the driver's tag given to {@link DmaEngine#submit} (0 for self-issued requests)
     * @param latencyPs arrival to end
     */
    default void ended(int device, long tag, boolean ok, long latencyPs) {
    }
}
