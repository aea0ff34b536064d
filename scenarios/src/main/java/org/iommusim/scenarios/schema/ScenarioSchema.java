package org.iommusim.scenarios.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.iommusim.scenarios.config.ConfigLoader;
import org.iommusim.scenarios.config.ConfigRule;
import org.iommusim.scenarios.config.ReferenceWriter;
import org.iommusim.scenarios.config.Schema;

/**
 * The scenario schema in one place: the {@link Scenario} record tree, the shipped
 * {@code reference.yaml} (generated from it; a test keeps them equal), and the loader that layers
 * reference ← scenario file ← variant/sweep overrides ← {@code --set} and applies
 * {@link ScenarioRules}.
 */
public final class ScenarioSchema {
    /** Classpath location of the shipped reference. */
    public static final String REFERENCE_RESOURCE = "/iommusim/reference.yaml";
    private static final String TITLE = "iommusim scenario reference (printed by ./iommusim config --reference).";
    private static final Schema SCHEMA = Schema.of(Scenario.class);
    private static final ConfigLoader<Scenario> LOADER = loader(ConfigLoader.of(Scenario.class)
            .withReferenceResource(ScenarioSchema.class, REFERENCE_RESOURCE));

    private ScenarioSchema() {
    }

    private static ConfigLoader<Scenario> loader(ConfigLoader<Scenario> base) {
        ConfigLoader<Scenario> l = base;
        for (ConfigRule<Scenario> r : ScenarioRules.ALL) {
            l = l.withRule(r);
        }
        return l;
    }

    public static Schema schema() {
        return SCHEMA;
    }

    public static ConfigLoader<Scenario> loader() {
        return LOADER;
    }

    /** reference.yaml as the schema renders it now. */
    public static String renderReference() {
        return ReferenceWriter.render(SCHEMA, TITLE);
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
