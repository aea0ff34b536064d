package org.iommusim.hw.device;

import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.iommu.fault.PageRequestGroups;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;

/**
 * The PRI side of a {@link DmaTransfer}: when its device has PRI, the DMA's failed translations
 * go out as one page request group ({@link PageRequestGroups}: one group per DMA, one response
 * per group, under the device's outstanding-request allocation) instead of aborting it, and the
 * group's response translates each of them again ({@link #retry}; such a TLP's tag carries
 * {@link #RETRY}: its receive-buffer credits went back the first time).
 *
 * <p>One per transfer, reused for each of its DMAs; its group is made at the first failure and
 * reset per DMA. Does not model: the device's page request queue beyond the group allocation.
 */
final class DmaPageRequests implements PageRequestGroups.Requester {
    /** Tag bit of a TLP translated again after a page request group's response. */
    static final long RETRY = 1L << 62;
    private final DmaTransfer transfer;
    private final TimedIommu iommu;
    private final int device;
    /** This DMA's page request group (its failed translations), made at its first failure. */
    private PageRequestGroups.Group group;

    DmaPageRequests(DmaTransfer transfer, TimedIommu iommu, int device) {
        this.transfer = transfer;
        this.iommu = iommu;
        this.device = device;
    }

    /** A new DMA: no page requested yet. */
    void reset() {
        if (group != null) {
            group.reset();
        }
    }

    /** TLP {@code tag}'s failed translation joins the DMA's page request group (true), or aborts it. */
    boolean park(long tag, int pasid, Access access, FaultReason reason, int stage) {
        if (group == null && iommu.pageRequests() != null) {
            group = iommu.pageRequests().group(device, this);
        }
        return group != null && group.park(tag & ~RETRY, pasid, access, reason, stage);
    }

    /** After the DMA's last translation: sends its group if it has failed pages (true: the retries follow). */
    boolean send() {
        return group != null && group.send();
    }

    @Override
    public long address(long tlp) {
        return transfer.tlpAddress(tlp);
    }

    @Override
    public void retry(long tlp) {
        transfer.translateAgain(tlp | RETRY);
    }
}
