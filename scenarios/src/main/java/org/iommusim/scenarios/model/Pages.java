package org.iommusim.scenarios.model;

import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;

/** Conversions of scenario values (sizes, protection names) to page-table types. */
final class Pages {
    private Pages() {
    }

    /** The page size of {@code bytes}, or null when it is not 4 KiB, 64 KiB, 2 MiB or 1 GiB. */
    static PageSize size(long bytes) {
        for (PageSize p : PageSize.values()) {
            if (p.bytes() == bytes) {
                return p;
            }
        }
        return null;
    }

    static PageSize size(Located at, String path, long bytes) {
        PageSize p = size(bytes);
        if (p == null) {
            throw at.fail(path, ": " + bytes + " bytes is not a page size; allowed: 4KiB, 64KiB (arm-smmuv3, amd-vi), 2MiB, 1GiB");
        }
        return p;
    }

    /** {@link #size(Located, String, long)}, refused unless preset {@code arch} (null: any) encodes it. */
    static PageSize size(Located at, String path, long bytes, org.iommusim.hw.iommu.arch.ArchPreset arch) {
        PageSize p = size(at, path, bytes);
        if (arch != null && !arch.caps().pageSizes().contains(bytes)) {
            throw at.fail(path, ": " + bytes + " bytes, but preset '" + arch.name() + "' allows pages of "
                    + arch.caps().pageSizes().stream().map(b -> b >= 1L << 30 ? (b >> 30) + "GiB"
                            : b >= 1L << 20 ? (b >> 20) + "MiB" : (b >> 10) + "KiB")
                            .collect(java.util.stream.Collectors.joining(", "))
                    + " (rule: the leaf sizes its page-table format encodes; VT-d has no 64KiB page)");
        }
        return p;
    }

    static Prot prot(String name) {
        return switch (name) {
            case "r" -> Prot.R;
            case "w" -> Prot.W;
            default -> Prot.RW;
        };
    }
}
