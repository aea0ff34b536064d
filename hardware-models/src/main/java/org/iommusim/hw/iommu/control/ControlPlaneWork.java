package org.iommusim.hw.iommu.control;

/**
 * How much work one control-plane operation does, item by item; {@link CostModel#cpuTimePs}
 * turns it into CPU time. The functional control plane (or a scenario) counts the items; this
 * record only carries them. All counts are >= 0.
 *
 * @param syscalls      syscall / ioctl entries (iommufd calls)
 * @param traps         traps / VM exits (a guest touching an emulated IOMMU register or queue)
 * @param pteReads      page-table entries read by a software walk of a host-owned table
 * @param pteWrites     page-table entries written in a host-owned table
 * @param pagesMapped   pages mapped (per-page bookkeeping and pinning)
 * @param pagesUnmapped pages unmapped (per-page bookkeeping and unpinning)
 * @param rmapEntries   reverse-map entries looked up or updated (shadow maintenance)
 * @param shadowWrites  shadow-table entries written
 * @param guestReads    guest page-table entries read during a shadow sync
 * @param descriptors   invalidation descriptors submitted
 * @param waits         invalidation waits (wait descriptors the CPU waits for)
 */
public record ControlPlaneWork(long syscalls, long traps, long pteReads, long pteWrites, long pagesMapped,
        long pagesUnmapped, long rmapEntries, long shadowWrites, long guestReads, long descriptors, long waits) {

    /** No work at all. */
    public static final ControlPlaneWork NONE = new ControlPlaneWork(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public ControlPlaneWork {
        long[] all = {syscalls, traps, pteReads, pteWrites, pagesMapped, pagesUnmapped, rmapEntries, shadowWrites,
            guestReads, descriptors, waits};
        String[] names = {"syscalls", "traps", "pteReads", "pteWrites", "pagesMapped", "pagesUnmapped",
            "rmapEntries", "shadowWrites", "guestReads", "descriptors", "waits"};
        for (int i = 0; i < all.length; i++) {
            if (all[i] < 0) {
                throw new IllegalArgumentException("work count '" + names[i] + "' must be >= 0, got " + all[i]);
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Item-wise sum. */
    public ControlPlaneWork plus(ControlPlaneWork o) {
        return new ControlPlaneWork(Math.addExact(syscalls, o.syscalls), Math.addExact(traps, o.traps),
                Math.addExact(pteReads, o.pteReads), Math.addExact(pteWrites, o.pteWrites),
                Math.addExact(pagesMapped, o.pagesMapped), Math.addExact(pagesUnmapped, o.pagesUnmapped),
                Math.addExact(rmapEntries, o.rmapEntries), Math.addExact(shadowWrites, o.shadowWrites),
                Math.addExact(guestReads, o.guestReads), Math.addExact(descriptors, o.descriptors),
                Math.addExact(waits, o.waits));
    }

    /** A mutable builder; every setter adds to the item's count. */
    public static final class Builder {
        private long syscalls;
        private long traps;
        private long pteReads;
        private long pteWrites;
        private long pagesMapped;
        private long pagesUnmapped;
        private long rmapEntries;
        private long shadowWrites;
        private long guestReads;
        private long descriptors;
        private long waits;

        public Builder syscalls(long n) {
            syscalls += n;
            return this;
        }

        public Builder traps(long n) {
            traps += n;
            return this;
        }

        public Builder pteReads(long n) {
            pteReads += n;
            return this;
        }

        public Builder pteWrites(long n) {
            pteWrites += n;
            return this;
        }

        public Builder pagesMapped(long n) {
            pagesMapped += n;
            return this;
        }

        public Builder pagesUnmapped(long n) {
            pagesUnmapped += n;
            return this;
        }

        public Builder rmapEntries(long n) {
            rmapEntries += n;
            return this;
        }

        public Builder shadowWrites(long n) {
            shadowWrites += n;
            return this;
        }

        public Builder guestReads(long n) {
            guestReads += n;
            return this;
        }

        public Builder descriptors(long n) {
            descriptors += n;
            return this;
        }

        public Builder waits(long n) {
            waits += n;
            return this;
        }

        public ControlPlaneWork build() {
            return new ControlPlaneWork(syscalls, traps, pteReads, pteWrites, pagesMapped, pagesUnmapped,
                    rmapEntries, shadowWrites, guestReads, descriptors, waits);
        }
    }
}
