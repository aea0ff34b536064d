package org.iommusim.hw.iommu.inval;

/**
 * One invalidation command a control workload asks for explicitly — not because a table changed,
 * but as a user of the queue would write it (issue 14: page-selective with an address mask,
 * range, PASID, domain, global, each with or without the leaf hint, and device-TLB). The
 * configured format's {@link QueueDriver#explicit} turns it into that architecture's command(s);
 * the caches lose exactly what those commands cover.
 *
 * @param kind      what to invalidate
 * @param domain    the IOASID whose tag the command carries (ignored for {@link Kind#GLOBAL})
 * @param pasid     the PASID (for {@link Kind#PASID}; for page and range commands a PASID-tagged
 *                  command when >= 0, every PASID when negative)
 * @param firstPage first 4 KiB page (page, range and device-TLB commands)
 * @param pages     pages: for {@link Kind#PAGES} and {@link Kind#DEVICE_TLB} a power of two the
 *                  first page is aligned to (the address mask); for {@link Kind#RANGE} any count
 * @param leafOnly  the leaf hint (VT-d IH, SMMUv3 LEAF, AMD PDE = 0): walk caches stay
 */
public record ExplicitInvalidation(Kind kind, int domain, int pasid, long firstPage, long pages, boolean leafOnly) {
    /** The command kinds, written in configuration as {@code pages}, {@code range}, ... */
    public enum Kind { PAGES, RANGE, PASID, DOMAIN, GLOBAL, DEVICE_TLB }

    public ExplicitInvalidation {
        if (kind == null) {
            throw new IllegalArgumentException("an explicit invalidation needs a kind");
        }
        boolean ranged = kind == Kind.PAGES || kind == Kind.RANGE || kind == Kind.DEVICE_TLB;
        if (ranged && (pages < 1 || firstPage < 0)) {
            throw new IllegalArgumentException(kind + " invalidation needs a first page >= 0 and pages >= 1, got "
                    + firstPage + " + " + pages);
        }
        if ((kind == Kind.PAGES || kind == Kind.DEVICE_TLB)
                && (Long.bitCount(pages) != 1 || (firstPage & (pages - 1)) != 0)) {
            throw new IllegalArgumentException(kind + " invalidation covers 2^mask pages aligned to their count"
                    + " (an address mask), got " + pages + " pages from page " + firstPage);
        }
        if (kind == Kind.PASID && pasid < 0) {
            throw new IllegalArgumentException("a PASID invalidation needs a PASID >= 0, got " + pasid);
        }
    }

    /** The PASID as a descriptor carries it ({@link InvBatch#ANY_PASID} when none). */
    int descriptorPasid() {
        return pasid >= 0 ? pasid : InvBatch.ANY_PASID;
    }
}
