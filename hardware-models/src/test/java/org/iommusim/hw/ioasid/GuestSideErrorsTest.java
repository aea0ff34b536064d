package org.iommusim.hw.ioasid;

import org.iommusim.hw.nesting.Nesting;
import static org.iommusim.hw.ioasid.Rejections.rejected;

import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.junit.jupiter.api.Test;

/** Error cases of bind, invalidate and guest memory access. */
class GuestSideErrorsTest {
    private final ControlPlane cp = new ControlPlane();
    private final int root = cp.alloc(AllocSpec.root(4)).value();
    private final int hw = cp.alloc(AllocSpec.child(root, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4)).value();
    private final int sw = cp.alloc(AllocSpec.child(root, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4)).value();

    @Test
    void bind_errors() {
        rejected(cp, () -> cp.bind(60, 0x1000), Errno.ENOENT, "bind IOASID 60");
        rejected(cp, () -> cp.bind(root, 0x1000), Errno.EINVAL, "bind IOASID " + root, "rule: bind needs mode");
        rejected(cp, () -> cp.bind(sw, 0x1234), Errno.EINVAL, "root GPA 0x1234", "rule: root alignment");
        rejected(cp, () -> cp.bind(hw, 1L << 52), Errno.EINVAL, "rule: root alignment");
    }

    @Test
    void invalidate_errors() {
        InvalidateRequest ok = new InvalidateRequest.Range(0, 4096, false);
        rejected(cp, () -> cp.invalidate(60, ok), Errno.ENOENT, "invalidate IOASID 60");
        rejected(cp, () -> cp.invalidate(root, ok), Errno.EINVAL, "invalidate IOASID " + root + " [0x0, 0x1000)",
                "invalidate needs bind-invalidate");
        rejected(cp, () -> cp.invalidate(sw, new InvalidateRequest.Range(0x1000, 0, true)), Errno.EINVAL,
                "[0x1000, 0x1000) leaf-only", "rule: length must be positive");
        rejected(cp, () -> cp.invalidate(sw, new InvalidateRequest.Range(-4096L, 8192, false)), Errno.EOVERFLOW,
                "overflows 64 bits");
        rejected(cp, () -> cp.invalidate(hw, new InvalidateRequest.Range(0x10, 4096, false)), Errno.EINVAL,
                "rule: alignment");
        rejected(cp, () -> cp.invalidate(hw, new InvalidateRequest.Range(0, 1L << 49, false)), Errno.EINVAL,
                "beyond the 48-bit input range");
        rejected(cp, () -> cp.invalidate(sw, new InvalidateRequest.Pasid(3)), Errno.EINVAL,
                "PASID 3 is not attached to IOASID " + sw, "rule: PASID scope");
    }

    @Test
    void guestMemory_errors() {
        rejected(cp, () -> cp.writeGuestMemory(60, 0, 1), Errno.ENOENT, "IOASID 60");
        rejected(cp, () -> cp.writeGuestMemory(root, 0, 1), Errno.EINVAL, "kernel-owned");
        rejected(cp, () -> cp.writeGuestMemory(sw, 0x1004, 1), Errno.EINVAL, "rule: PTE alignment");
        rejected(cp, () -> cp.writeGuestMemory(sw, 0x1000, 1), Errno.EFAULT, "GPA 0x1000",
                "parent IOASID " + root + " does not map it");
        cp.map(root, 0x1000, 0x7000_0000, 4096, Prot.R, PageSize.SIZE_4K).value();
        rejected(cp, () -> cp.readGuestMemory(hw, 0x2000), Errno.EFAULT, "guest read for IOASID " + hw);
    }
}
