package org.iommusim.scenarios.model;

import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.InvalidateRequest;
import org.iommusim.hw.ioasid.IoasidView;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.iommu.control.OpStats;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.iommu.fault.PageGroup;
import org.iommusim.hw.iommu.fault.PageRequestHandler;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;

/**
 * The software side of PCIe PRI for a scenario: a not-present fault of an IOASID with
 * {@code pageRequests: true} is recoverable; when a page request group's response is due, each
 * requested 4 KiB page at {@code iova} is mapped to {@code iova + pageRequestOffset} — by the host
 * ({@code map-unmap}) or by the guest in its table, followed by the guest's invalidation so a
 * shadow sees it ({@code bind-invalidate}). A stage-2 fault (the parent lacks the GPA) is not
 * recoverable here. The host's work is charged on a host core ({@link TimedControlPlane#hostWork},
 * {@code cp.op.page-request.*}, one item per page): the fixed {@code host.costs.pageRequest}
 * once per group (interrupt, queue, the one group response) plus each page's map or
 * invalidation work, whose invalidations are submitted and awaited there. The DMA's wait stays the PRI handler latency. Permission and range faults are
 * not recoverable.
 */
final class PageRequests implements PageRequestHandler {
    private static final TimedControlPlane.Done IGNORE = (r, latency) -> { };

    private final ControlPlane cp;
    private final TimedControlPlane tcp;
    private final AddressSpaces spaces;
    private final boolean[] recoverable;
    private final long[] offset;
    private final int attempts;

    PageRequests(AddressSpaces spaces, TimedControlPlane tcp, boolean[] recoverable, long[] offset, int attempts) {
        this.cp = spaces.controlPlane();
        this.tcp = tcp;
        this.spaces = spaces;
        this.recoverable = recoverable.clone();
        this.offset = offset.clone();
        this.attempts = attempts;
    }

    @Override
    public boolean recoverable(int device, int pasid, int ioasid, FaultReason reason, int stage) {
        return reason == FaultReason.NOT_PRESENT && stage != 2 && ioasid >= 0 && ioasid < recoverable.length && recoverable[ioasid];
    }

    /**
     * Each page of the group is mapped and charged as its own host work item (the map's work,
     * item by item); the group's one response, its interrupt and queue reads are the fixed
     * {@code host.costs.pageRequest} (or a draw of its distribution), charged with its first page.
     */
    @Override
    public void handle(int ioasid, PageGroup group) {
        if (ioasid < 0) {
            return; // detached meanwhile: nothing to map, the retry aborts
        }
        IoasidView x = cp.ioasid(ioasid);
        for (int i = 0; i < group.size(); i++) {
            long page = group.page(i);
            long target = page + offset[ioasid];
            Result<Effects> work = Result.ok(Effects.NONE);
            if (x.mode() == Mode.MAP_UNMAP) {
                work = cp.map(ioasid, page, target, PageSize.SIZE_4K.bytes(), Prot.RW, PageSize.SIZE_4K);
            } else {
                GuestPageTable table = spaces.guestTable(ioasid);
                if (table.map(page, target, PageSize.SIZE_4K, Prot.RW).isOk()) {
                    work = cp.invalidate(ioasid, new InvalidateRequest.Range(page, PageSize.SIZE_4K.bytes(), true));
                }
            }
            tcp.hostWork(OpStats.Kind.PAGE_REQUEST, i == 0 ? tcp.costDraws().pageRequest() : 0,
                    work.isOk() ? work.value() : Effects.NONE, IGNORE);
        }
    }

    @Override
    public int maxAttempts() {
        return attempts;
    }
}
