package org.iommusim.hw.device;

import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.iommu.control.HostPath;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;

/**
 * The {@link BufferMapper} of a driver whose maps are host map/unmap operations on a map-unmap
 * IOASID, read-write, on its {@link HostPath}: a host driver's {@code dma_map_single} /
 * {@code dma_unmap_single} ({@code dma-api}), a user-space driver's iommufd ioctls
 * ({@code vfio}), a static map-once ({@code static}: the pool only), or nothing at all
 * ({@code identity}: pass-through, every call done at once). With {@code guest}, a guest
 * driver's virtio-iommu requests: each call reaches the host through the vIOMMU (exit, VMM,
 * VFIO map with pinning). Unmaps are strict or lazy as the control plane's {@code UnmapPolicy}
 * says for the DMA-API path; other paths unmap synchronously.
 */
final class HostBufferMapper implements BufferMapper {
    private static final Result<Effects> NOTHING = Result.ok(Effects.NONE);

    private final TimedControlPlane tcp;
    private final int ioasid;
    private final HostPath path;
    private final boolean guest;

    HostBufferMapper(TimedControlPlane tcp, int ioasid) {
        this(tcp, ioasid, HostPath.VFIO, false);
    }

    HostBufferMapper(TimedControlPlane tcp, int ioasid, HostPath path, boolean guest) {
        this.tcp = tcp;
        this.ioasid = ioasid;
        this.path = path;
        this.guest = guest;
    }

    @Override
    public void map(long iova, long addr, long bytes, PageSize pageSize, TimedControlPlane.Done done) {
        if (path == HostPath.IDENTITY) {
            done.done(NOTHING, 0);
            return;
        }
        tcp.map(ioasid, iova, addr, bytes, Prot.RW, pageSize, path, guest, done);
    }

    @Override
    public void unmap(long iova, long bytes, TimedControlPlane.Done done) {
        if (path == HostPath.IDENTITY) {
            done.done(NOTHING, 0);
            return;
        }
        tcp.unmap(ioasid, iova, bytes, path, guest, done);
    }
}
