package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.iommusim.hw.cache.Iotlb;
import org.iommusim.hw.iommu.ats.AtsConfig;
import org.iommusim.hw.iommu.inval.ExplicitInvalidation;
import org.iommusim.hw.iommu.inval.ExplicitInvalidation.Kind;
import org.iommusim.hw.iommu.inval.InvQueueConfig;
import org.iommusim.hw.iommu.inval.InvalidationQueue;
import org.iommusim.hw.iommu.inval.InvalidationSubmitter;
import org.iommusim.hw.iommu.inval.QueueFormats;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Explicit invalidation commands (a control workload's) take away exactly their scope, on every
 * architecture: two host domains A (device 1, ATS) and B (device 2), pages 0..7 of each
 * translated once so the IOTLB, the walk caches and device 1's ATC hold them; then one command.
 */
class ExplicitInvalidationTest {
    private static final long PAGE = 4096;

    private static final class Rig {
        final TreeFixture f = new TreeFixture();
        final int a = f.root(4);
        final int b = f.root(4);
        final TimedRig rig;
        final InvalidationSubmitter submitter;

        Rig(QueueFormats format) {
            f.map(a, 0, 0x4000_0000L, 8 * PAGE, PageSize.SIZE_4K);
            f.map(b, 0, 0x5000_0000L, 8 * PAGE, PageSize.SIZE_4K);
            f.attach(1, 0, a);
            f.attach(2, 0, b);
            rig = new TimedRig(f, TimedIommuConfig.defaults(), 100);
            rig.iommu.enableAts(1, AtsConfig.defaults());
            InvalidationQueue q = new InvalidationQueue(rig.sim, rig.stats, "invq", InvQueueConfig.defaults(format),
                    rig.iommu.effectHook());
            submitter = new InvalidationSubmitter(q, rig.iommu.invalidations());
            for (int p = 0; p < 8; p++) {
                assertThat(rig.translateNow(1, p * PAGE).ok()).isTrue();
                assertThat(rig.translateNow(2, p * PAGE).ok()).isTrue();
            }
        }

        void submit(ExplicitInvalidation e) {
            submitter.submitExplicit(e, null);
            rig.sim.run();
        }

        boolean cached(int domain, long page) {
            return rig.iommu.iotlb().lookup(domain, 0, page * PAGE) != Iotlb.MISS;
        }

        long walkCacheDrops() {
            long n = 0;
            for (int stage = 1; stage <= 2; stage++) {
                for (int level = 2; level <= 5; level++) {
                    n += rig.counter("pwc.s" + stage + ".l" + level + ".invalidations");
                }
            }
            return n;
        }

        int atcSize() {
            return rig.iommu.invalidations().atcs().atc(1).size();
        }
    }

    @ParameterizedTest
    @EnumSource(QueueFormats.class)
    void pages_addressMask_dropsTheAlignedBlockOnly_leafHintKeepsWalkCaches(QueueFormats format) {
        Rig r = new Rig(format);
        r.submit(new ExplicitInvalidation(Kind.PAGES, r.a, -1, 4, 2, true));

        assertThat(r.cached(r.a, 4)).isFalse();
        assertThat(r.cached(r.a, 5)).isFalse();
        assertThat(r.cached(r.a, 3)).isTrue();
        assertThat(r.cached(r.a, 6)).isTrue();
        assertThat(r.cached(r.b, 4)).as("another domain").isTrue();
        assertThat(r.walkCacheDrops()).as("leaf hint").isZero();

        r.submit(new ExplicitInvalidation(Kind.PAGES, r.a, -1, 6, 1, false));
        assertThat(r.cached(r.a, 6)).isFalse();
        assertThat(r.walkCacheDrops()).as("no leaf hint: walk-cache entries over the page go").isPositive();
    }

    @ParameterizedTest
    @EnumSource(QueueFormats.class)
    void range_dropsAtLeastTheRange_withinTheDomain(QueueFormats format) {
        Rig r = new Rig(format);
        r.submit(new ExplicitInvalidation(Kind.RANGE, r.a, -1, 1, 2, true));

        assertThat(r.cached(r.a, 1)).isFalse();
        assertThat(r.cached(r.a, 2)).isFalse();
        assertThat(r.cached(r.a, 7)).as("outside the command's cover").isTrue();
        assertThat(r.cached(r.b, 1)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(QueueFormats.class)
    void pasidDomainGlobal_dropTheirScope(QueueFormats format) {
        Rig r = new Rig(format);
        r.submit(new ExplicitInvalidation(Kind.PASID, r.a, 0, 0, 0, false));
        assertThat(r.cached(r.a, 0)).isFalse();
        assertThat(r.cached(r.b, 0)).isTrue();

        Rig d = new Rig(format);
        d.submit(new ExplicitInvalidation(Kind.DOMAIN, d.b, -1, 0, 0, false));
        assertThat(d.cached(d.b, 7)).isFalse();
        assertThat(d.cached(d.a, 7)).isTrue();

        Rig g = new Rig(format);
        g.submit(new ExplicitInvalidation(Kind.GLOBAL, g.a, -1, 0, 0, false));
        assertThat(g.rig.iommu.iotlb().size()).isZero();
    }

    @ParameterizedTest
    @EnumSource(QueueFormats.class)
    void deviceTlb_dropsTheAtcBlock_keepsTheIotlb(QueueFormats format) {
        Rig r = new Rig(format);
        int before = r.atcSize();
        r.submit(new ExplicitInvalidation(Kind.DEVICE_TLB, r.a, -1, 0, 4, false));

        assertThat(before).isEqualTo(8);
        assertThat(r.atcSize()).isEqualTo(4);
        assertThat(r.cached(r.a, 0)).isTrue();
        assertThat(r.rig.iommu.invalidations().pendingRemovals()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"PAGES", "DEVICE_TLB"})
    void maskedKinds_needAnAlignedPowerOfTwo(Kind kind) {
        assertThatThrownBy(() -> new ExplicitInvalidation(kind, 1, -1, 2, 3, false)).hasMessageContaining("mask");
        assertThatThrownBy(() -> new ExplicitInvalidation(kind, 1, -1, 2, 4, false)).hasMessageContaining("mask");
    }
}
