package org.iommusim.scenarios.model;

import java.util.HashMap;
import java.util.Map;
import org.iommusim.scenarios.schema.DeviceSpec;
import org.iommusim.scenarios.schema.IoasidSpec;
import org.iommusim.scenarios.schema.Scenario;

/**
 * The PCIe rules on who may wait for the host, checked at load and reported at the key that
 * breaks them (exit 2):
 * <ul>
 *   <li>PRI requires ATS: a page request answers a failed ATS translation request, so a device
 *       that sends page requests ({@code iommu.pri.enabled} and its IOASID has
 *       {@code pageRequests: true}) must have {@code ats.enabled}.</li>
 *   <li>A lazy shadow fill stalls the DMA while the host walks the guest table; only a device
 *       with PRI (which requires ATS) can wait for that — any other device's DMA would be
 *       aborted. So every device translating through an IOASID with {@code lazyFill: true}
 *       (attached to it or to a descendant) must have PRI: {@code iommu.pri.enabled} and
 *       {@code ats.enabled}.</li>
 * </ul>
 * Does not check a gpu's processes separately (they nest under the gpu's IOASID, checked as the
 * gpu's own).
 */
final class PriRules {
    private PriRules() {
    }

    static void check(Scenario s, Located at, java.util.function.Predicate<String> usesAts) {
        Map<String, IoasidSpec> byName = new HashMap<>();
        for (IoasidSpec x : s.ioasids()) {
            byName.put(x.name(), x);
        }
        boolean pri = s.iommu().pri().enabled();
        for (DeviceSpec d : s.devices()) {
            IoasidSpec own = byName.get(d.ioasid());
            if (own == null) {
                continue; // reported where the device is attached
            }
            String path = "devices." + d.name();
            boolean ats = d.atsEnabled(usesAts);
            if (pri && own.pageRequests() && !ats) {
                throw at.fail(path, ": device '" + d.name() + "' sends page requests (iommu.pri.enabled and IOASID '"
                        + own.name() + "' has pageRequests: true) but its ats.enabled is false (rule: PCIe PRI requires"
                        + " ATS; enable ats on the device, or turn iommu.pri.enabled or pageRequests off)");
            }
            for (IoasidSpec x = own; x != null; x = x.parent() == null ? null : byName.get(x.parent())) {
                if (x.lazyFill() && !(pri && ats)) {
                    throw at.fail("ioasids." + x.name() + ".lazyFill", ": true, but device '" + d.name()
                            + "' translating through it has no PRI (iommu.pri.enabled " + pri + ", devices." + d.name()
                            + ".ats.enabled " + ats + ") (rule: a lazy fill stalls the DMA while the host"
                            + " walks the guest table; only a device with PRI, which requires ATS, can wait for it;"
                            + " another device's DMA would be aborted)");
                }
            }
        }
    }
}
