package org.iommusim.hw.device;

import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;

/**
 * The host driver's {@link BufferMapper} ({@code dma_map_single} / {@code dma_unmap_single} on
 * a map-unmap IOASID — a host NIC, or a VM whose vIOMMU forwards map/unmap): every call is one
 * {@link TimedControlPlane#map} or {@link TimedControlPlane#unmap} (not a guest operation, so no
 * trap), read-write, its completion passed straight to the caller. Unmaps are strict or lazy as
 * the control plane's {@code UnmapPolicy} says.
 */
final class HostBufferMapper implements BufferMapper {
    private final TimedControlPlane tcp;
    private final int ioasid;

    HostBufferMapper(TimedControlPlane tcp, int ioasid) {
        this.tcp = tcp;
        this.ioasid = ioasid;
    }

    @Override
    public void map(long iova, long addr, long bytes, PageSize pageSize, TimedControlPlane.Done done) {
        tcp.map(ioasid, iova, addr, bytes, Prot.RW, pageSize, false, done);
    }

    @Override
    public void unmap(long iova, long bytes, TimedControlPlane.Done done) {
        tcp.unmap(ioasid, iova, bytes, false, done);
    }
}
