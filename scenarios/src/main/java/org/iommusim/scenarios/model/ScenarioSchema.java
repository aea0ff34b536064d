package org.iommusim.scenarios.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.iommusim.hw.iommu.arch.ArchPreset;
import org.iommusim.hw.iommu.arch.ArchPresets;
import org.iommusim.scenarios.config.ConfigLoader;
import org.iommusim.scenarios.config.FieldSpec;
import org.iommusim.scenarios.config.PresetLayer;
import org.iommusim.scenarios.config.RecordSpec;
import org.iommusim.scenarios.config.ConfigRule;
import org.iommusim.scenarios.config.ReferenceWriter;
import org.iommusim.scenarios.config.Schema;
import org.iommusim.scenarios.schema.ArchRules;
import org.iommusim.scenarios.schema.IommuSpec;
import org.iommusim.scenarios.schema.Scenario;
import org.iommusim.scenarios.schema.ScenarioRules;

/**
 * The scenario schema in one place: the {@link Scenario} record tree read with the
 * {@link Extensions}' registries (allowed names, preset and workload sections), the shipped
 * {@code reference.yaml} (generated from it for the default IOMMU preset; a test keeps them equal),
 * and the loader that layers reference ← the chosen {@code iommu.preset} ← scenario file ←
 * variant/sweep overrides ← {@code --set} and applies {@link ScenarioRules}. The static loader and
 * schema read scenarios with {@link Extensions#INSTALLED} (the model's registries and policies
 * installed through {@code ServiceLoader}); {@link #renderReference} renders the model's own
 * ({@link Extensions#BUILT_IN}) as shipped; {@link #of} gives the schema of other registries (a
 * test's example extension).
 */
public final class ScenarioSchema {
    /** Classpath location of the shipped reference. */
    public static final String REFERENCE_RESOURCE = "/iommusim/reference.yaml";
    private static final String TITLE = "iommusim scenario reference (printed by ./iommusim config --reference).";
    private static final ScenarioSchema BUILT_IN = new ScenarioSchema(Extensions.BUILT_IN);
    private static final ScenarioSchema INSTALLED = Extensions.INSTALLED == Extensions.BUILT_IN
            ? BUILT_IN : new ScenarioSchema(Extensions.INSTALLED);
    private static final String IOMMU = "iommu";
    private static final String PRESET_KEY = "preset";

    private final Extensions extensions;
    private final Schema schema;
    private final ConfigLoader<Scenario> loader;

    private ScenarioSchema(Extensions extensions) {
        this.extensions = extensions;
        this.schema = Schema.of(Scenario.class, extensions);
        RecordSpec iommu = ((FieldSpec.RecordType) schema.root().field(IOMMU).orElseThrow().type()).spec();
        ConfigLoader<Scenario> l = ConfigLoader.of(Scenario.class, schema)
                .withReferenceResource(ScenarioSchema.class, REFERENCE_RESOURCE)
                .withPresets(new PresetLayer(IOMMU, PRESET_KEY, ArchPresets.DEFAULT.name(),
                        name -> ArchPresets.find(name).map(IommuSpec::of).orElse(null), iommu));
        DevicePresets presets = extensions.presets();
        for (ConfigRule<Scenario> r : ScenarioRules.all(presets.names(), k -> presets.get(k).needsIommu(),
                k -> presets.get(k).usesAts())) {
            l = l.withRule(r);
        }
        l = l.withRule((s, c) -> ArchRules.check(s, c, k -> presets.get(k).usesAts()));
        this.loader = l;
    }

    /** The schema and loader of a scenario read with {@code extensions}. */
    public static ScenarioSchema of(Extensions extensions) {
        return new ScenarioSchema(extensions);
    }

    public static Schema schema() {
        return INSTALLED.schema;
    }

    public static ConfigLoader<Scenario> loader() {
        return INSTALLED.loader;
    }

    /** reference.yaml as the schema renders it now. */
    public static String renderReference() {
        return BUILT_IN.render();
    }

    /**
     * reference.yaml as it would be with {@code preset} the default: every {@code iommu} key with
     * that preset's value ({@code config --reference --preset X}).
     */
    public static String renderReference(ArchPreset preset) {
        return BUILT_IN.render(preset);
    }

    /** This schema as reference.yaml text with the defaults of {@code preset}. */
    public String render(ArchPreset preset) {
        Schema s = Schema.of(Scenario.class, extensions, Map.of(IommuSpec.class, IommuSpec.of(preset)));
        return ReferenceWriter.render(s, TITLE.replace("config --reference", "config --reference --preset "
                + preset.name()));
    }

    /** This schema's tree. */
    public Schema tree() {
        return schema;
    }

    /** This schema's loader (over the shipped reference; keys it lacks take the schema's defaults). */
    public ConfigLoader<Scenario> scenarioLoader() {
        return loader;
    }

    /** This schema as reference.yaml text. */
    public String render() {
        return ReferenceWriter.render(schema, TITLE);
    }

    /** The shipped reference.yaml. */
    public static String reference() {
        try (InputStream in = ScenarioSchema.class.getResourceAsStream(REFERENCE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + REFERENCE_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
