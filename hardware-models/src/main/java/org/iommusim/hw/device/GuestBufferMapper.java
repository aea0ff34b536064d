package org.iommusim.hw.device;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.hw.guest.GuestEditHolder;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.InvalidateRequest;
import org.iommusim.hw.ioasid.IoasidView;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.ioasid.OpError;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;

/**
 * A guest driver's {@link BufferMapper} behind a vIOMMU whose table is bound to a
 * bind-invalidate IOASID (nested on the VM's GPA parent by hardware or by a shadow), the same
 * steps as {@code hw.workload.GuestPteWrites} on the packet's path:
 * <ul>
 *   <li>map: one guest PTE write per page ({@link GuestPageTable#map}, read-write), reported
 *       with {@link TimedControlPlane#guestEdited}; in caching mode
 *       ({@link IoasidView#cachingMode()}) then a guest range invalidation
 *       ({@link TimedControlPlane#invalidate}, {@code guest = true}: trap + ioctl, descriptors,
 *       shadow sync) whose completion lets the DMA start; otherwise the DMA may start at once —
 *       non-present → present needs no invalidation, though a shadow does not see it;</li>
 *   <li>unmap, strict: guest PTE writes clearing the leaves, reported, then always a leaf-only
 *       guest invalidation of the range, which the buffer waits for before reuse;</li>
 *   <li>unmap, batched (a guest Linux's own flush queue, {@link #batched}): the leaves cleared and
 *       the buffer free at once — the old translation stays usable until the flush — and one
 *       domain-wide guest invalidation ({@code flush_iotlb_all}) when {@code batch} unmaps are
 *       queued or {@code timeout} after the first;</li>
 *   <li>pool: every pool page's PTE written, then one invalidation over the whole pool (as a
 *       driver does after setting up its ring), whatever the caching mode.</li>
 * </ul>
 * A rejected guest edit is reported as a rejected result (a map failure to the ring); pages of a
 * multi-page map written before the rejection stay written (only a pool maps several, and the
 * ring treats a rejected pool as fatal). Does not model: guest CPU time of the PTE writes; the
 * guest flush queue is one per device (Linux's is per CPU).
 */
final class GuestBufferMapper implements BufferMapper {
    private static final Result<Effects> MAPPED = Result.ok(Effects.NONE);

    private final TimedControlPlane tcp;
    private final GuestPageTable table;
    private final int ioasid;
    private final boolean cachingMode;
    private static final TimedControlPlane.Done IGNORE = (r, latency) -> { };
    /** Batched flushing: unmaps per flush, the timeout, the timer; batch 0 = strict. */
    private int batch;
    private long timeoutPs;
    private Simulator sim;
    private int queued;
    private final Event flushTimer = Event.of(this::flush);
    /** The edit in progress, filled by the table (no result object per PTE edit). */
    private final GuestEditHolder edit = new GuestEditHolder();

    /** Throws {@link IllegalArgumentException} unless the table's IOASID exists and is bind-invalidate. */
    GuestBufferMapper(TimedControlPlane tcp, GuestPageTable table) {
        this.tcp = tcp;
        this.table = table;
        this.ioasid = table.ioasid();
        IoasidView x = tcp.controlPlane().ioasid(ioasid);
        if (x == null || x.mode() != Mode.BIND_INVALIDATE) {
            throw new IllegalArgumentException("a guest NIC needs a bind-invalidate IOASID, IOASID " + ioasid + " is "
                    + (x == null ? "missing" : x.mode()));
        }
        this.cachingMode = x.cachingMode();
    }

    /** Switches unmaps to a guest flush queue of {@code batchSize} unmaps drained after {@code flushTimeoutPs}. */
    GuestBufferMapper batched(Simulator simulator, int batchSize, long flushTimeoutPs) {
        this.sim = simulator;
        this.batch = batchSize;
        this.timeoutPs = flushTimeoutPs;
        return this;
    }

    private void queueUnmap() {
        if (queued++ == 0 && timeoutPs > 0) {
            sim.schedule(flushTimer, timeoutPs);
        }
        if (queued >= batch || timeoutPs == 0) {
            flush();
        }
    }

    /** Drains the guest flush queue: one domain-wide guest invalidation. */
    private void flush() {
        sim.cancel(flushTimer);
        if (queued > 0) {
            queued = 0;
            tcp.invalidate(ioasid, new InvalidateRequest.All(), true, IGNORE);
        }
    }

    /** Whether maps are followed by an invalidation (the IOASID's caching mode). */
    boolean invalidatesMaps() {
        return cachingMode;
    }

    @Override
    public void map(long iova, long addr, long bytes, PageSize pageSize, TimedControlPlane.Done done) {
        writeLeaves(iova, addr, bytes, pageSize, cachingMode, done);
    }

    @Override
    public void mapPool(long iova, long addr, long bytes, PageSize pageSize, TimedControlPlane.Done done) {
        writeLeaves(iova, addr, bytes, pageSize, true, done);
    }

    @Override
    public void unmap(long iova, long bytes, TimedControlPlane.Done done) {
        long start = -1;
        long end = iova;
        do {
            OpError error = table.unmap(end, edit);
            if (error != null && start == -1) {
                done.done(Result.err(error), 0);
                return;
            }
            if (error != null) {
                break; // a hole: invalidate what was cleared
            }
            tcp.guestEdited(ioasid, edit, batch == 0);
            start = start == -1 ? edit.start() : start;
            end = edit.end();
        } while (end < iova + bytes);
        if (batch > 0) {
            done.done(MAPPED, 0);
            queueUnmap();
            return;
        }
        tcp.invalidate(ioasid, new InvalidateRequest.Range(start, end - start, true), true, done);
    }

    private void writeLeaves(long iova, long addr, long bytes, PageSize size, boolean invalidate,
                             TimedControlPlane.Done done) {
        long page = size.bytes();
        long length = (bytes + page - 1) / page * page;
        boolean tablesAllocated = false;
        for (long off = 0; off < length; off += page) {
            OpError error = table.map(iova + off, addr + off, size, Prot.RW, edit);
            if (error != null) {
                done.done(Result.err(error), 0);
                return;
            }
            tcp.guestEdited(ioasid, edit, invalidate);
            tablesAllocated |= edit.tablePagesAllocated() > 0;
        }
        if (invalidate) {
            tcp.invalidate(ioasid, new InvalidateRequest.Range(iova, length, !tablesAllocated), true, done);
        } else {
            done.done(MAPPED, 0);
        }
    }
}
