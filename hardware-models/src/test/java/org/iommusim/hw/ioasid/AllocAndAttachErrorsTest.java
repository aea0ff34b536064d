package org.iommusim.hw.ioasid;

import org.iommusim.hw.nesting.Nesting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.iommusim.hw.ioasid.Rejections.rejected;

import org.junit.jupiter.api.Test;

/** Error cases of alloc, free, device registration, attach and detach. */
class AllocAndAttachErrorsTest {
    private final ControlPlane cp = new ControlPlane();
    private final int root = cp.alloc(AllocSpec.root(4)).value();

    @Test
    void alloc_missingParent_isENOENT() {
        rejected(cp, () -> cp.alloc(AllocSpec.child(99, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4)),
                Errno.ENOENT, "parent IOASID 99", "rule: the parent must exist");
    }

    @Test
    void alloc_levelsOutOfRange_isEINVAL() {
        rejected(cp, () -> cp.alloc(AllocSpec.root(2)), Errno.EINVAL, "levels 2 outside 3..5");
        rejected(cp, () -> cp.alloc(AllocSpec.root(6)), Errno.EINVAL, "levels 6 outside 3..5");
    }

    @Test
    void alloc_badAperture_isEINVAL() {
        rejected(cp, () -> cp.alloc(AllocSpec.root(3).withAperture(0x1234, 0x10000)), Errno.EINVAL,
                "aperture [0x1234, 0x10000)", "4 KiB aligned");
        rejected(cp, () -> cp.alloc(AllocSpec.root(3).withAperture(0, 1L << 40)), Errno.EINVAL,
                "inside the 39-bit input range of 3 levels");
        rejected(cp, () -> cp.alloc(AllocSpec.root(3).withAperture(0x2000, 0x2000)), Errno.EINVAL, "non-empty");
    }

    @Test
    void alloc_rootThatBindsOrNests_isEINVAL() {
        rejected(cp, () -> cp.alloc(new AllocSpec(AllocSpec.NO_PARENT, Mode.BIND_INVALIDATE, Nesting.NONE, 4, 0,
                AllocSpec.FULL, false, false)), Errno.EINVAL, "bind-invalidate needs a parent");
        rejected(cp, () -> cp.alloc(new AllocSpec(AllocSpec.NO_PARENT, Mode.MAP_UNMAP, Nesting.HARDWARE, 4, 0,
                AllocSpec.FULL, false, false)), Errno.EINVAL, "nesting hardware needs a parent");
    }

    @Test
    void alloc_configurationsHardwareCannotWalk_areEINVAL() {
        int hw = cp.alloc(AllocSpec.child(root, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4)).value();
        rejected(cp, () -> cp.alloc(AllocSpec.child(hw, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4)), Errno.EINVAL,
                "IOASID " + hw + " is hardware-nested", "hardware walks at most two stages");
        rejected(cp, () -> cp.alloc(AllocSpec.child(hw, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4)), Errno.EINVAL,
                "software nesting so the kernel flattens it");
        rejected(cp, () -> cp.alloc(AllocSpec.child(root, Mode.MAP_UNMAP, Nesting.HARDWARE, 4)), Errno.EINVAL,
                "hardware nesting needs bind-invalidate");
        rejected(cp, () -> cp.alloc(AllocSpec.child(root, Mode.BIND_INVALIDATE, Nesting.NONE, 4)), Errno.EINVAL,
                "a child nests by hardware or software");
        rejected(cp, () -> cp.alloc(AllocSpec.child(root, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4)
                .withLazyFill(true)), Errno.EINVAL, "lazy fill and caching mode need software nesting");
    }

    @Test
    void alloc_threeLevelTreeFlattenedInSoftware_isAccepted() {
        int c = cp.alloc(AllocSpec.child(root, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4)).value();
        assertThat(cp.alloc(AllocSpec.child(c, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4)).isOk()).isTrue();
        assertThat(cp.alloc(AllocSpec.child(c, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4)).isOk()).isTrue();
    }

    @Test
    void alloc_poolTooSmall_isENOMEM() {
        ControlPlane small = new ControlPlane(ControlPlaneConfig.defaults().withHostPool(1L << 51, (1L << 51) + 4096));
        int r = small.alloc(AllocSpec.root(4)).value();
        rejected(small, () -> small.alloc(AllocSpec.child(r, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4)), Errno.ENOMEM,
                "0 free pages, 1 needed");
    }

    @Test
    void free_unknownBusyOrWithChildren_isRejected() {
        rejected(cp, () -> cp.free(42), Errno.ENOENT, "free IOASID 42");
        int child = cp.alloc(AllocSpec.child(root, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4)).value();
        rejected(cp, () -> cp.free(root), Errno.EBUSY, "free IOASID " + root, "child IOASID(s) [" + child + "]");
        cp.registerDevice(7);
        cp.attach(7, 3, child);
        rejected(cp, () -> cp.free(child), Errno.EBUSY, "free IOASID " + child, "1 device attachment",
                "rule: detach first");
        cp.detach(7, 3);
        assertThat(cp.free(child).isOk()).isTrue();
        assertThat(cp.free(root).isOk()).isTrue();
    }

    @Test
    void registerDevice_twiceOrNegative_isRejected() {
        cp.registerDevice(1);
        rejected(cp, () -> cp.registerDevice(1), Errno.EEXIST, "device 1");
        rejected(cp, () -> cp.registerDevice(-1), Errno.EINVAL, "device -1");
    }

    @Test
    void attach_unknownDeviceIoasidPasidOrBoundPasid_isRejected() {
        rejected(cp, () -> cp.attach(5, 0, root), Errno.ENODEV, "device 5", "no such device");
        cp.registerDevice(5);
        rejected(cp, () -> cp.attach(5, 0, 77), Errno.ENOENT, "IOASID 77");
        rejected(cp, () -> cp.attach(5, 1 << 20, root), Errno.EINVAL, "PASID outside");
        cp.attach(5, 0, root);
        int other = cp.alloc(AllocSpec.root(4)).value();
        rejected(cp, () -> cp.attach(5, 0, other), Errno.EBUSY, "already bound to IOASID " + root);
    }

    @Test
    void detach_unknownDeviceOrUnboundPasid_isRejected() {
        rejected(cp, () -> cp.detach(9, 0), Errno.ENODEV, "device 9");
        cp.registerDevice(9);
        rejected(cp, () -> cp.detach(9, 4), Errno.ENOENT, "PASID 4", "no IOASID attached");
    }
}
