package org.iommusim.scenarios.schema;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.scenarios.config.ConfigRule;
import org.iommusim.scenarios.config.Suggestions;

/**
 * Cross-field rules of a scenario, checked after binding and before anything is built:
 * at least one device (a scenario without devices simulates nothing), references by name (a child's parent defined above it, a device's or workload's IOASID),
 * the shape of roots and children, unique device ids. Rules the hardware models own (what can
 * nest on what, cache shapes, alignment) are checked by building the model (see
 * {@code ScenarioModel.check}), with the models' own messages.
 */
public final class ScenarioRules {
    private ScenarioRules() {
    }

    /**
     * Every rule, for a registry of device presets named {@code presets}, of which those
     * {@code needsIommu} accepts cannot run with {@code translation: none}.
     */
    public static List<ConfigRule<Scenario>> all(List<String> presets, Predicate<String> needsIommu,
                                                 Predicate<String> usesAts) {
        return List.of((s, c) -> somethingToSimulate(s, c, presets), ScenarioRules::tree,
                (s, c) -> references(s, c, needsIommu, usesAts), ScenarioRules::deviceIds, ScenarioRules::runLength,
                SweepRules::check);
    }

    /**
     * {@code warmup: auto} truncates the sampled time series (MSER-5 needs two batches of five
     * samples); {@code precision} needs a cap at least as large as the first batch.
     */
    private static void runLength(Scenario s, ConfigRule.Context c) {
        if (s.autoWarmup()) {
            if (s.sampling() == 0) {
                c.error("warmup", ": auto chooses the warm-up from the sampled time series, but sampling is 0;"
                        + " set sampling (e.g. 10us) or give the warm-up as a duration");
            } else if (s.duration() / s.sampling() < 2L * org.iommusim.core.experiment.Mser.BATCH) {
                c.error("warmup", ": auto needs at least " + 2 * org.iommusim.core.experiment.Mser.BATCH
                        + " samples in the pilot run, but duration / sampling gives " + s.duration() / s.sampling()
                        + "; lengthen duration or shorten sampling");
            }
        }
        if (s.precision() > 0 && s.maxReplications() < s.replications()) {
            c.error("maxReplications", ": " + s.maxReplications() + " is below replications (" + s.replications()
                    + "), the first batch; allowed: replications to 1000");
        }
    }

    /** A scenario without devices issues no DMA: every result would be zero, so it is refused. */
    private static void somethingToSimulate(Scenario s, ConfigRule.Context c, List<String> presets) {
        if (s.devices().isEmpty()) {
            c.error("devices", ": nothing to simulate: no devices; list at least one DMA device (kinds: "
                    + String.join(", ", presets) + ")");
        }
    }

    private static void tree(Scenario s, ConfigRule.Context c) {
        Set<String> defined = new HashSet<>();
        for (IoasidSpec x : s.ioasids()) {
            String p = "ioasids." + x.name();
            if (x.parent() == null) {
                if (x.mode() != Mode.MAP_UNMAP || x.nesting() != Nesting.NONE) {
                    c.error(p, ": a root IOASID (parent ~) translates to host physical addresses, so it is mode"
                            + " map-unmap with nesting none; got " + x.mode() + " with nesting " + x.nesting()
                            + " (give it a parent to nest it)");
                }
            } else if (!defined.contains(x.parent())) {
                c.error(p + ".parent", " names '" + x.parent() + "', which is not defined above it"
                        + Suggestions.tail(x.parent(), defined));
            } else if (x.nesting() == Nesting.NONE) {
                c.error(p + ".nesting", ": a child IOASID nests on its parent; allowed: hardware, software");
            }
            defined.add(x.name());
        }
    }

    private static void references(Scenario s, ConfigRule.Context c, Predicate<String> needsIommu,
                                   Predicate<String> usesAts) {
        Set<String> names = new HashSet<>();
        s.ioasids().forEach(x -> names.add(x.name()));
        for (DeviceSpec d : s.devices()) {
            if (!names.contains(d.ioasid())) {
                c.error("devices." + d.name() + ".ioasid", " names IOASID '" + d.ioasid() + "', which is not defined"
                        + Suggestions.tail(d.ioasid(), names));
            }
            if (d.translation() == DeviceSpec.Translation.NONE && (needsIommu.test(d.kind()) || d.atsEnabled(usesAts))) {
                c.error("devices." + d.name() + ".translation", ": none (no IOMMU) cannot serve "
                        + (d.atsEnabled(usesAts) ? "ATS" : "a " + d.kind() + " device (its preset needs an IOMMU)")
                        + "; allowed here: iommu, pass-through");
            }
        }
        for (WorkloadSpec w : s.workloads()) {
            if (!names.contains(w.ioasid())) {
                c.error("workloads." + w.name() + ".ioasid", " names IOASID '" + w.ioasid() + "', which is not defined"
                        + Suggestions.tail(w.ioasid(), names));
            }
        }
    }

    private static void deviceIds(Scenario s, ConfigRule.Context c) {
        Map<Integer, String> owners = new HashMap<>();
        for (int i = 0; i < s.devices().size(); i++) {
            DeviceSpec d = s.devices().get(i);
            int id = d.id() == 0 ? i + 1 : d.id();
            String other = owners.putIfAbsent(id, d.name());
            if (other != null) {
                c.error("devices." + d.name() + ".id", ": requester id " + id + " is already used by device '" + other
                        + "' (id 0 means position + 1)");
            }
        }
    }
}
