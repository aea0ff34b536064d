package org.iommusim.hw.device;

import org.iommusim.core.kernel.Simulator;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.iommu.control.TimedControlPlane;

/**
 * Builds a device's driver ({@link BufferMapper}) from its {@link DriverConfig}: the base mapper
 * — a guest's PTE writes and invalidations on a bound table ({@link GuestBufferMapper}, strict
 * or batched), or map/unmap operations on the driver's path ({@link HostBufferMapper}, a
 * guest's as virtio-iommu requests) — then optimistic teardown ({@link OptimisticMapper}) and
 * the per-packet work ({@link DriverWork}) around it when configured.
 */
final class DriverMappers {
    private DriverMappers() {
    }

    /**
     * The driver of a device on IOASID {@code ioasid}; {@code table} is the guest's bound table
     * (a bind-invalidate IOASID) or null (a map-unmap one).
     *
     * @throws IllegalArgumentException if a batched flush is asked of a driver that has no guest
     *         flush queue (a host driver: its deferral is the host's unmap policy)
     */
    static BufferMapper of(Simulator sim, TimedControlPlane tcp, int ioasid, GuestPageTable table, DriverConfig d) {
        BufferMapper m;
        if (table != null) {
            GuestBufferMapper g = new GuestBufferMapper(tcp, table);
            m = d.flush() == DriverConfig.FlushPolicy.BATCHED ? g.batched(sim, d.batch(), d.flushTimeoutPs()) : g;
        } else {
            if (d.flush() == DriverConfig.FlushPolicy.BATCHED) {
                throw new IllegalArgumentException("a batched flush is a guest driver's flush queue on a bound table;"
                        + " a driver on a map-unmap IOASID defers with host.unmap.policy lazy (dma-api) instead");
            }
            m = new HostBufferMapper(tcp, ioasid, d.path(), d.guest());
        }
        if (d.flush() == DriverConfig.FlushPolicy.OPTIMISTIC) {
            m = new OptimisticMapper(m);
        }
        return DriverWork.around(m, tcp, d.perPacketPs());
    }
}
