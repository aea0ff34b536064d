package org.iommusim.scenarios.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.iommusim.scenarios.config.ConfigLoader;
import org.iommusim.scenarios.config.ConfigRule;
import org.iommusim.scenarios.config.ReferenceWriter;
import org.iommusim.scenarios.config.Schema;
import org.iommusim.scenarios.schema.Scenario;
import org.iommusim.scenarios.schema.ScenarioRules;

/**
 * The scenario schema in one place: the {@link Scenario} record tree read with the
 * {@link Extensions}' registries (allowed names, preset and workload sections), the shipped
 * {@code reference.yaml} (generated from it; a test keeps them equal), and the loader that layers
 * reference ← scenario file ← variant/sweep overrides ← {@code --set} and applies
 * {@link ScenarioRules}. The static loader and schema read scenarios with
 * {@link Extensions#INSTALLED} (the model's registries and policies installed through
 * {@code ServiceLoader}); {@link #renderReference} renders the model's own
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

    private final Schema schema;
    private final ConfigLoader<Scenario> loader;

    private ScenarioSchema(Extensions extensions) {
        this.schema = Schema.of(Scenario.class, extensions);
        ConfigLoader<Scenario> l = ConfigLoader.of(Scenario.class, schema)
                .withReferenceResource(ScenarioSchema.class, REFERENCE_RESOURCE);
        DevicePresets presets = extensions.presets();
        for (ConfigRule<Scenario> r : ScenarioRules.all(presets.names(), k -> presets.get(k).needsIommu(),
                k -> presets.get(k).usesAts())) {
            l = l.withRule(r);
        }
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
