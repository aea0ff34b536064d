package org.iommusim.scenarios.model;

import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;

/** Conversions of scenario values (sizes, protection names) to page-table types. */
final class Pages {
    private Pages() {
    }

    /** The page size of {@code bytes}, or null when it is not 4 KiB, 2 MiB or 1 GiB. */
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
            throw at.fail(path, ": " + bytes + " bytes is not a page size; allowed: 4KiB, 2MiB, 1GiB");
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
