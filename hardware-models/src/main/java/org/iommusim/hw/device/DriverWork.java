package org.iommusim.hw.device;

import java.util.ArrayDeque;
import org.iommusim.hw.ioasid.OpError;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.pagetable.PageSize;

/**
 * A driver's host CPU work per completed packet or I/O beyond the IOMMU (the driver and its
 * network or block stack, issue 16) around any {@link BufferMapper}: each completion first
 * takes {@code perPacketPs} on a host core ({@link TimedControlPlane#driverWork}), then the
 * mapper's own completion (the unmap). The buffer stays busy meanwhile, so when the cores
 * cannot keep up the ring fills and drops: the device's throughput becomes cores / cost.
 *
 * <p>The one per-packet / per-I/O hook of every driver: the NIC's rings and the NVMe drive's
 * completions both go through {@link #around}.
 *
 * <p>Does not model: interrupt moderation or NAPI batching (the cost is per packet), the work
 * on the guest's own vCPUs (a guest driver's stack is charged on a host core).
 *
 * <p>Each completion waiting for its core is a pooled {@link Completion} (no callback made per
 * packet): it goes back to the pool when its work is done, before the mapper's completion runs.
 */
final class DriverWork implements BufferMapper {
    private final BufferMapper inner;
    private final TimedControlPlane tcp;
    private final long perPacketPs;
    /** Completions whose work is done, for reuse. */
    private final ArrayDeque<Completion> free = new ArrayDeque<>();

    /** {@code inner} with {@code perPacketPs} of host work per completion; {@code inner} itself when it is 0. */
    static BufferMapper around(BufferMapper inner, TimedControlPlane tcp, long perPacketPs) {
        return perPacketPs > 0 ? new DriverWork(inner, tcp, perPacketPs) : inner;
    }

    private DriverWork(BufferMapper inner, TimedControlPlane tcp, long perPacketPs) {
        this.inner = inner;
        this.tcp = tcp;
        this.perPacketPs = perPacketPs;
    }

    @Override
    public void map(long iova, long addr, long bytes, PageSize pageSize, TimedControlPlane.Done done) {
        inner.map(iova, addr, bytes, pageSize, done);
    }

    @Override
    public void unmap(long iova, long bytes, TimedControlPlane.Done done) {
        inner.unmap(iova, bytes, done);
    }

    @Override
    public void completed(long iova, long bytes, boolean unmap, TimedControlPlane.Done done) {
        Completion c = free.poll();
        if (c == null) {
            c = new Completion();
        }
        c.iova = iova;
        c.bytes = bytes;
        c.unmap = unmap;
        c.done = done;
        tcp.driverWork(perPacketPs, c);
    }

    @Override
    public void mapPool(long iova, long addr, long bytes, PageSize pageSize, TimedControlPlane.Done done) {
        inner.mapPool(iova, addr, bytes, pageSize, done);
    }

    /** One packet's or I/O's completion waiting for its driver work: then the mapper's completion. */
    private final class Completion implements TimedControlPlane.Status {
        long iova;
        long bytes;
        boolean unmap;
        TimedControlPlane.Done done;

        @Override
        public void completed(OpError error, long latencyPs) {
            long at = iova;
            long length = bytes;
            boolean unmapIt = unmap;
            TimedControlPlane.Done d = done;
            done = null;
            free.push(this); // read out first: the mapper's completion may start another packet's
            inner.completed(at, length, unmapIt, d);
        }
    }
}
