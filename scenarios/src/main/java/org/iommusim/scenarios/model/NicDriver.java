package org.iommusim.scenarios.model;

import org.iommusim.hw.device.DriverConfig;
import org.iommusim.hw.iommu.control.HostPath;
import org.iommusim.hw.iommu.control.ViommuMode;
import org.iommusim.scenarios.schema.DeviceSpec;
import org.iommusim.scenarios.schema.DriverSpec;

/**
 * The load-time rules of a device's {@code driver} section (issue 16): which combinations of
 * path, buffer mapping, side, flush policy, IOASID mode and vIOMMU mode a real system has. A
 * combination that cannot exist is bad input at the key that makes it so, naming what is
 * allowed.
 */
final class NicDriver {
    private NicDriver() {
    }

    /** The driver of device {@code b}, whose IOASID is bind-invalidate iff {@code guestTable}; checked. */
    static DriverConfig check(DevicePreset.Build b, boolean guestTable) {
        DriverSpec d = b.d().driver();
        String at = b.path() + ".driver.";
        ViommuMode viommu = b.w().tcp().paths().viommu();
        if (d.path() == HostPath.STATIC && d.buffers() != DriverSpec.Buffers.PREMAPPED_POOL) {
            throw b.at().fail(at + "path", " is static (memory mapped once): set driver.buffers to premapped-pool");
        }
        if (d.path() == HostPath.IDENTITY && b.d().translation() == DeviceSpec.Translation.IOMMU) {
            throw b.at().fail(at + "path", " is identity (no mapping): the device's translation must be pass-through"
                    + " or none, not iommu");
        }
        if (guestTable && d.side() == DriverSpec.Side.HOST) {
            throw b.at().fail(at + "side", " is host, but IOASID '" + b.d().ioasid() + "' is bind-invalidate (a guest's"
                    + " table): use auto or guest");
        }
        DriverConfig c = d.toConfig(guestTable, 0);
        if (c.guest() && !guestTable && viommu != ViommuMode.VIRTIO_IOMMU) {
            throw b.at().fail(at + "side", " is guest on map-unmap IOASID '" + b.d().ioasid() + "': a guest's map"
                    + " requests need host.viommu virtio-iommu (a trap-and-emulate guest binds its table to a"
                    + " bind-invalidate IOASID)");
        }
        if (guestTable && viommu == ViommuMode.VIRTIO_IOMMU) {
            throw b.at().fail(at + "side", " is a guest on bind-invalidate IOASID '" + b.d().ioasid() + "', but"
                    + " host.viommu is virtio-iommu (map requests, no guest table): put the device on a map-unmap"
                    + " IOASID with driver.side guest, or choose trap-user, trap-kernel, sidecore or hw-queue");
        }
        if (d.flush() == DriverConfig.FlushPolicy.BATCHED && !guestTable) {
            throw b.at().fail(at + "flush", " is batched, a guest driver's flush queue on its bound table; on a"
                    + " map-unmap IOASID defer with host.unmap.policy lazy, or use strict or optimistic");
        }
        return c;
    }
}
