package org.iommusim.scenarios.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Shared loaders and resources for the config tests. */
final class DemoFixtures {
    static final String REFERENCE = "/config/demo-reference.yaml";
    static final String VALID = "/config/demo-valid.yaml";

    private DemoFixtures() {
    }

    static String resource(String name) {
        try (InputStream in = DemoFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ConfigLoader<DemoConfig> loader() {
        return ConfigLoader.of(DemoConfig.class).withReferenceResource(DemoFixtures.class, REFERENCE)
                .withRule(DemoConfig.IOASID_EXISTS);
    }

    static EffectiveConfig<DemoConfig> load(String yaml, String... sets) {
        return loader().load(yaml, "scenario.yaml", List.of(sets));
    }

    static String valid() {
        return resource(VALID);
    }

    /** The formatted message of the ConfigException thrown by loading {@code yaml}. */
    static String errors(String yaml, String... sets) {
        try {
            load(yaml, sets);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a ConfigException for:\n" + yaml);
    }
}
