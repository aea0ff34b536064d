package org.iommusim.hw.ioasid;

import org.iommusim.hw.nesting.Capabilities;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.pagetable.Pte;

/**
 * The validation of {@link ControlPlane#alloc}: which trees the hardware (at most two stages)
 * plus the kernel (software flattening) can translate. Returns the first broken rule, or
 * null. Rules: the parent exists; levels lie in the configured range; the aperture is
 * aligned, non-empty and inside the input range; a root is map-unmap; the rest are the
 * nesting strategies' declared {@link Capabilities}: a root's strategy must allow roots, a
 * child's must allow children (and a kernel-owned table, for a map-unmap child); the parent's
 * must be one stage for the hardware; lazy fill and caching mode need a strategy with shadow
 * policies and a bind-invalidate child; the host pool holds the new tables.
 */
final class AllocRules {
    private AllocRules() {
    }

    static OpError check(AllocSpec s, Ioasid parent, ControlPlaneConfig cfg, long poolPages) {
        String where = s.hasParent() ? " under parent IOASID " + s.parent() : " of a root IOASID";
        if (s.hasParent() && parent == null) {
            return OpError.of(Errno.ENOENT, "alloc%s: no such IOASID (rule: the parent must exist)", where);
        }
        if (s.mode() == null || s.nesting() == null) {
            throw new IllegalArgumentException("mode and nesting are required");
        }
        if (s.levels() < cfg.minLevels() || s.levels() > cfg.maxLevels()) {
            return OpError.of(Errno.EINVAL, "alloc%s: levels %d outside %d..%d (rule: supported table depths)",
                    where, s.levels(), cfg.minLevels(), cfg.maxLevels());
        }
        int bits = Pte.tableShift(s.levels());
        long end = s.apertureEnd() == AllocSpec.FULL ? 1L << bits : s.apertureEnd();
        if ((s.apertureStart() & 0xFFF) != 0 || (end & 0xFFF) != 0 || s.apertureStart() < 0
                || s.apertureStart() >= end || end > 1L << bits) {
            return OpError.of(Errno.EINVAL, "alloc%s: aperture [0x%x, 0x%x) (rule: 4 KiB aligned, non-empty, "
                    + "inside the %d-bit input range of %d levels)", where, s.apertureStart(), end, bits, s.levels());
        }
        OpError tree = s.hasParent() ? checkChild(s, parent, where) : checkRoot(s, where);
        if (tree != null) {
            return tree;
        }
        long pages = (s.mode() == Mode.MAP_UNMAP ? 1 : 0) + s.nesting().capabilities().hostTablePages();
        if (pages > poolPages) {
            return OpError.of(Errno.ENOMEM, "alloc%s: host page-table pool has %d free pages, %d needed",
                    where, poolPages, pages);
        }
        return null;
    }

    private static OpError checkRoot(AllocSpec s, String where) {
        if (s.mode() != Mode.MAP_UNMAP) {
            return OpError.of(Errno.EINVAL, "alloc%s: mode bind-invalidate needs a parent "
                    + "(rule: a bound table lives in the parent's input address space)", where);
        }
        if (!s.nesting().capabilities().root()) {
            return OpError.of(Errno.EINVAL, "alloc%s: nesting %s needs a parent (rule: a root does not nest)",
                    where, s.nesting().configName());
        }
        if (s.lazyFill() || s.cachingMode()) {
            return OpError.of(Errno.EINVAL, "alloc%s: lazy fill and caching mode need a software-shadowed "
                    + "bind-invalidate child", where);
        }
        return null;
    }

    private static OpError checkChild(AllocSpec s, Ioasid parent, String where) {
        Capabilities can = s.nesting().capabilities();
        if (!can.child()) {
            return OpError.of(Errno.EINVAL, "alloc%s: nesting %s (rule: a child nests by %s)",
                    where, s.nesting().configName(), names(c -> c.child()));
        }
        if (!parent.nesting.capabilities().oneStage()) {
            return OpError.of(Errno.EINVAL, "alloc%s: IOASID %d is %s-nested, so it is not a single-stage "
                    + "table (rule: hardware walks at most two stages; allocate IOASID %d with %s nesting "
                    + "so the kernel flattens it)", where, parent.id, parent.nesting.configName(), parent.id,
                    names(c -> c.child() && c.oneStage()));
        }
        if (!can.kernelTable() && s.mode() != Mode.BIND_INVALIDATE) {
            return OpError.of(Errno.EINVAL, "alloc%s: %s nesting with mode map-unmap (rule: a stage-1 table "
                    + "must live in the parent's input address space, so %s nesting needs bind-invalidate)",
                    where, s.nesting().configName(), s.nesting().configName());
        }
        boolean shadowedGuest = can.shadowPolicies() && s.mode() == Mode.BIND_INVALIDATE;
        if ((s.lazyFill() || s.cachingMode()) && !shadowedGuest) {
            return OpError.of(Errno.EINVAL, "alloc%s: lazy fill and caching mode need software nesting and mode "
                    + "bind-invalidate (rule: they are shadow policies for a guest table)", where);
        }
        return null;
    }

    /** Config names of the strategies whose capabilities pass {@code test}, joined with "or". */
    private static String names(java.util.function.Predicate<Capabilities> test) {
        return String.join(" or ", java.util.Arrays.stream(Nesting.values())
                .filter(n -> test.test(n.capabilities())).map(Nesting::configName).toList());
    }
}
