package org.iommusim.hw.ioasid;

import java.util.function.Supplier;

/**
 * The device side of the {@link ControlPlane}: registering devices and attaching or detaching
 * (device, PASID) to an IOASID, each validated fully before it changes {@link Attachments}. A
 * rejection is an {@link Result.Err} naming the rule and leaves the attachments as they were.
 * Functional only. Does not model: the IOMMU's context and PASID-table entries the kernel
 * writes for an attachment (the data path reads the attachments directly).
 */
final class DeviceOps {
    private final Attachments attachments;

    DeviceOps(Attachments attachments) {
        this.attachments = attachments;
    }

    /** Makes a device known to the IOMMU. */
    Result<Effects> register(int device) {
        if (device < 0) {
            return Result.err(OpError.of(Errno.EINVAL, "register device %d: ids are non-negative", device));
        }
        if (attachments.hasDevice(device)) {
            return Result.err(OpError.of(Errno.EEXIST, "register device %d: already registered", device));
        }
        attachments.addDevice(device);
        return Result.ok(Effects.NONE);
    }

    /** Makes DMAs of {@code device} tagged with {@code pasid} use IOASID {@code id} ({@code x}; null if none). */
    Result<Effects> attach(int device, int pasid, int id, Ioasid x) {
        Supplier<String> where = () -> String.format("attach device %d PASID %d to IOASID %d", device, pasid, id);
        if (!attachments.hasDevice(device)) {
            return Result.err(OpError.of(Errno.ENODEV, "%s: no such device", where.get()));
        }
        if (x == null) {
            return Result.err(OpError.of(Errno.ENOENT, "%s: no such IOASID", where.get()));
        }
        if (pasid < 0 || pasid >= Attachments.PASID_LIMIT) {
            return Result.err(OpError.of(Errno.EINVAL, "%s: PASID outside 0..%d", where.get(), Attachments.PASID_LIMIT - 1));
        }
        Ioasid bound = attachments.get(device, pasid);
        if (bound != null) {
            return Result.err(OpError.of(Errno.EBUSY, "%s: PASID already bound to IOASID %d (rule: detach first)",
                    where.get(), bound.id));
        }
        attachments.put(device, pasid, x);
        return Result.ok(Effects.NONE);
    }

    /** Detaches (device, PASID); caches must drop that PASID's entries. */
    Result<Effects> detach(int device, int pasid) {
        Supplier<String> where = () -> String.format("detach device %d PASID %d", device, pasid);
        if (!attachments.hasDevice(device)) {
            return Result.err(OpError.of(Errno.ENODEV, "%s: no such device", where.get()));
        }
        if (attachments.get(device, pasid) == null) {
            return Result.err(OpError.of(Errno.ENOENT, "%s: no IOASID attached", where.get()));
        }
        Ioasid x = attachments.remove(device, pasid);
        EffectsBuilder eb = new EffectsBuilder();
        eb.invalidate(new Invalidation(x.id, Invalidation.Scope.PASID, 0, 0, pasid, false, 1,
                Invalidation.Cause.DETACH));
        return Result.ok(eb.build());
    }
}
