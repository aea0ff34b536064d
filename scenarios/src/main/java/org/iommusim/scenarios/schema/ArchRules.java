package org.iommusim.scenarios.schema;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.iommu.arch.ArchPreset;
import org.iommusim.hw.iommu.arch.ArchPresets;
import org.iommusim.hw.iommu.arch.Capabilities;
import org.iommusim.hw.iommu.inval.QueueFormats;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.scenarios.config.ConfigRule;

/**
 * The architecture rule (DESIGN principle 2: refuse what the hardware cannot do): a scenario may
 * ask only for what its {@code iommu.preset} supports ({@link Capabilities}) — table levels per
 * stage, hardware nesting, page sizes, the PASID width, ATS and PRI. A first-stage table is a
 * guest's ({@code bind-invalidate}) or the child of a hardware nest; every other table is a
 * second-stage (host) table. Each rejection names the key, the value, the preset, what it
 * allows and the rule. Also: only an SMMUv3 command queue may lack range invalidation. Stateless.
 */
public final class ArchRules {
    private ArchRules() {
    }

    /** Checks {@code s} against its preset's capabilities (an unknown preset was reported by binding). */
    public static void check(Scenario s, ConfigRule.Context c, Predicate<String> usesAtsByDefault) {
        QueueSpecs.InvalidationQueue q = s.iommu().invalidationQueue();
        if (q != null && !q.rangeInvalidation() && q.format() != QueueFormats.ARM_SMMUV3) {
            c.error("iommu.invalidationQueue.rangeInvalidation", ": false, but format " + q.format().configName()
                    + " always encodes a page range (VT-d address mask, AMD S bit); only arm-smmuv3 may lack range"
                    + " invalidation (SMMU_IDR3.RIL)");
        }
        ArchPreset p = ArchPresets.find(s.iommu().preset()).orElse(null);
        if (p == null) {
            return;
        }
        Capabilities caps = p.caps();
        String who = "preset '" + p.name() + "'";
        for (IoasidSpec x : s.ioasids()) {
            String at = "ioasids." + x.name();
            boolean first = x.mode() == Mode.BIND_INVALIDATE || x.nesting() == Nesting.HARDWARE;
            List<Integer> levels = first ? caps.firstStageLevels() : caps.secondStageLevels();
            if (!levels.contains(x.levels())) {
                c.error(at + ".levels", ": " + x.levels() + " levels, but " + who + " allows " + join(levels)
                        + " for a " + (first ? "first" : "second") + "-stage table (rule: " + caps.rule() + ")");
            }
            if (x.nesting() == Nesting.HARDWARE && !caps.hardwareNesting()) {
                c.error(at + ".nesting", ": hardware, but " + who + " has no nested translation; use software");
            }
            for (int i = 0; i < x.maps().size(); i++) {
                pageSize(c, at + ".maps." + i + ".pageSize", x.maps().get(i).pageSize(), caps, who);
            }
            if (x.guest() != null) {
                for (int i = 0; i < x.guest().maps().size(); i++) {
                    pageSize(c, at + ".guest.maps." + i + ".pageSize", x.guest().maps().get(i).pageSize(), caps, who);
                }
            }
        }
        for (DeviceSpec d : s.devices()) {
            String at = "devices." + d.name();
            if (!caps.pasidFits(d.pasid())) {
                c.error(at + ".pasid", ": " + d.pasid() + ", but " + who + " has " + caps.pasidBits()
                        + "-bit PASIDs; allowed: 0.." + ((1L << caps.pasidBits()) - 1) + " (rule: " + caps.rule() + ")");
            }
            if (d.atsEnabled(usesAtsByDefault) && !caps.ats()) {
                c.error(at + ".ats.enabled", ": true, but " + who + " does not support ATS");
            }
        }
        if (s.iommu().pri().enabled() && !caps.pri()) {
            c.error("iommu.pri.enabled", ": true, but " + who + " does not support page requests (PRI)");
        }
    }

    private static void pageSize(ConfigRule.Context c, String path, long size, Capabilities caps, String who) {
        if (!caps.pageSizes().contains(size)) {
            c.error(path, ": " + size + " bytes, but " + who + " allows pages of "
                    + caps.pageSizes().stream().map(ArchRules::bytes).collect(Collectors.joining(", "))
                    + " (rule: the leaf sizes its page-table format encodes; 64KiB is Arm's Contiguous hint or"
                    + " AMD-Vi's v1 page-size encoding, VT-d has no 64KiB page)");
        }
    }

    private static String bytes(long b) {
        return b >= 1L << 30 ? (b >> 30) + "GiB" : b >= 1L << 20 ? (b >> 20) + "MiB" : (b >> 10) + "KiB";
    }

    private static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
