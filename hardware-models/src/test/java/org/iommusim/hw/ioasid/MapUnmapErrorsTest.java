package org.iommusim.hw.ioasid;

import org.iommusim.hw.nesting.Nesting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.iommusim.hw.ioasid.Rejections.rejected;

import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.junit.jupiter.api.Test;

/** Error cases of map and unmap, each with a message naming the IOASID, the range and the rule. */
class MapUnmapErrorsTest {
    private static final PageSize K4 = PageSize.SIZE_4K;
    private final ControlPlane cp = new ControlPlane();
    private final int root = cp.alloc(AllocSpec.root(4).withAperture(0, 1L << 40)).value();
    private final int guest = cp.alloc(AllocSpec.child(root, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4)).value();

    @Test
    void map_errors() {
        rejected(cp, () -> cp.map(50, 0, 0, 4096, Prot.RW, K4), Errno.ENOENT, "map IOASID 50");
        rejected(cp, () -> cp.map(guest, 0, 0, 4096, Prot.RW, K4), Errno.EINVAL,
                "map IOASID " + guest + " [0x0, 0x1000)", "rule: map needs mode map-unmap");
        rejected(cp, () -> cp.map(root, 0x1000, 0, 0, Prot.RW, K4), Errno.EINVAL, "[0x1000, 0x1000)",
                "rule: length must be positive");
        rejected(cp, () -> cp.map(root, -4096L, 0, 8192, Prot.RW, K4), Errno.EOVERFLOW,
                "[0xfffffffffffff000, +0x2000)", "overflows 64 bits");
        rejected(cp, () -> cp.map(root, 0x1000, 0x2000, 0x1800, Prot.RW, K4), Errno.EINVAL,
                "[0x1000, 0x2800)", "rule: alignment");
        rejected(cp, () -> cp.map(root, 0x1000, 0x20_0000, 0x20_0000, Prot.RW, PageSize.SIZE_2M), Errno.EINVAL,
                "rule: alignment");
        rejected(cp, () -> cp.map(root, 0, 0, 4096, Prot.NONE, K4), Errno.EINVAL, "rule: read or write required");
        rejected(cp, () -> cp.map(root, 1L << 40, 0, 4096, Prot.RW, K4), Errno.EINVAL,
                "[0x10000000000, 0x10000001000)", "outside the aperture [0x0, 0x10000000000)", "rule: aperture");
        rejected(cp, () -> cp.map(root, 0, (1L << 52) - 4096, 8192, Prot.RW, K4), Errno.EINVAL, "52-bit");
        rejected(cp, () -> cp.map(root, 0, 1L << 51, 4096, Prot.RW, K4), Errno.EINVAL,
                "rule: devices never reach kernel tables");
        cp.map(root, 0x10_0000, 0x5000_0000, 0x4000, Prot.RW, K4).value();
        rejected(cp, () -> cp.map(root, 0x10_3000, 0x9000, 0x2000, Prot.R, K4), Errno.EEXIST,
                "map IOASID " + root + " [0x103000, 0x105000)", "rule: no overlap");
        rejected(cp, () -> cp.map(root, 0, 0, 0x20_0000, Prot.R, PageSize.SIZE_2M), Errno.EEXIST, "rule: no overlap");
    }

    @Test
    void map_pageSizeNeedsLevels_isEINVAL() {
        ControlPlane shallow = new ControlPlane(ControlPlaneConfig.defaults().withLevels(1, 5));
        int two = shallow.alloc(AllocSpec.root(2)).value();
        rejected(shallow, () -> shallow.map(two, 0, 0, 1L << 30, Prot.RW, PageSize.SIZE_1G), Errno.EINVAL,
                "page size SIZE_1G needs 3 levels, the IOASID has 2");
    }

    @Test
    void map_tablesBeyondThePool_isENOMEM() {
        ControlPlane small = new ControlPlane(ControlPlaneConfig.defaults().withHostPool(1L << 51, (1L << 51) + 3 * 4096));
        int r = small.alloc(AllocSpec.root(4)).value();
        rejected(small, () -> small.map(r, 0, 0, 4096, Prot.RW, K4), Errno.ENOMEM, "needs 3 table pages", "has 2");
    }

    @Test
    void unmap_errors() {
        rejected(cp, () -> cp.unmap(50, 0, 4096), Errno.ENOENT, "unmap IOASID 50");
        rejected(cp, () -> cp.unmap(guest, 0, 4096), Errno.EINVAL, "rule: unmap needs mode map-unmap");
        rejected(cp, () -> cp.unmap(root, 0, 0), Errno.EINVAL, "rule: length must be positive");
        rejected(cp, () -> cp.unmap(root, -4096L, 8192), Errno.EOVERFLOW, "overflows 64 bits");
        rejected(cp, () -> cp.unmap(root, 0x800, 4096), Errno.EINVAL, "rule: alignment");
        rejected(cp, () -> cp.unmap(root, 0, 1L << 49), Errno.EINVAL, "beyond the 48-bit input range");
        rejected(cp, () -> cp.unmap(root, 0x10_0000, 0x4000), Errno.ENOENT,
                "unmap IOASID " + root + " [0x100000, 0x104000)", "nothing mapped");
    }

    @Test
    void unmap_thatWouldSplitAMapping_isENOENT_andRemovesNothing() {
        cp.map(root, 0x10_0000, 0x5000_0000, 0x4000, Prot.RW, K4).value();
        cp.map(root, 0x10_4000, 0x6000_0000, 0x4000, Prot.RW, K4).value();
        rejected(cp, () -> cp.unmap(root, 0x10_1000, 0x3000), Errno.ENOENT, "would split the mapping",
                "covers 0x101000", "rule: unmap removes whole mappings, atomically");
        // The first mapping would go whole, the second would be split: nothing goes.
        rejected(cp, () -> cp.unmap(root, 0x10_0000, 0x6000), Errno.ENOENT, "covers 0x105fff");
        assertThat(cp.unmap(root, 0x10_0000, 0x8000).value().leavesUnmapped()).isEqualTo(8);
    }
}
