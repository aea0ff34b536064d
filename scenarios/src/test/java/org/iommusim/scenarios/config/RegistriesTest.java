package org.iommusim.scenarios.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a schema reads from registries and from a record's {@code defaults()}: allowed names
 * ({@link Key#choices()}), one section per registry entry bound into {@link Sections}
 * ({@link Key#sections()}), and key defaults taken from a value instead of {@link Key#def()} text.
 */
class RegistriesTest {
    record Fast(@Key(doc = "Speed", min = "1") int speed, @Key(doc = "Name") String label) {
        static Fast defaults() {
            return new Fast(7, null);
        }
    }

    record Slow(@Key(doc = "Delay", kind = Key.Kind.DURATION) long delay, @Key(doc = "Share") double share) {
        static Slow defaults() {
            return new Slow(1_500_000, 0.25);
        }
    }

    record Machine(@Key(doc = "Which engine", def = "fast", choices = "engines") String engine,
                   @Key(doc = "Engine sections", sections = "engines") Sections engines,
                   @Key(doc = "Wheels", def = "4") int wheels) {
    }

    record Badly(@Key(doc = "Speed", def = "3") int speed) {
        static Badly defaults() {
            return new Badly(3);
        }
    }

    private static Schema.Registries registries(boolean withSlow) {
        return new Schema.Registries() {
            @Override
            public List<String> names(String registry) {
                return withSlow ? List.of("fast", "slow") : List.of("fast");
            }

            @Override
            public List<Schema.SectionType> sections(String registry) {
                Schema.SectionType fast = new Schema.SectionType("fast", "The fast engine", Fast.class);
                return withSlow ? List.of(fast, new Schema.SectionType("slow", "The slow engine", Slow.class))
                        : List.of(fast);
            }
        };
    }

    private static ConfigLoader<Machine> loader(boolean withSlow) {
        return ConfigLoader.of(Machine.class, Schema.of(Machine.class, registries(withSlow)));
    }

    @Test
    void registryEntries_becomeAllowedNamesAndSections_withDefaultsFromTheirValues() {
        String reference = ReferenceWriter.render(Schema.of(Machine.class, registries(true)), "t");
        assertThat(reference).contains("# Which engine (one of fast, slow)\nengine: fast\n")
                .contains("fast:\n  # Speed (an integer; range: >= 1)\n  speed: 7\n")
                .contains("  label: ~\n")
                .contains("slow:\n  # Delay (a duration like 80ns or 1.5us)\n  delay: 1.5us\n  # Share (a number)\n  share: 0.25\n")
                .contains("\nwheels: 4\n");
        Machine m = loader(true).load("engine: slow\nslow: {share: 0.5}\nwheels: 3\n", "m.yaml", List.of()).value();
        assertThat(m.engine()).isEqualTo("slow");
        assertThat(m.engines().get("slow", Slow.class)).isEqualTo(new Slow(1_500_000, 0.5));
        assertThat(m.engines().get("fast", Fast.class)).isEqualTo(new Fast(7, null));
        assertThat(m.wheels()).isEqualTo(3);
    }

    @Test
    void nameOutsideTheRegistry_isRefusedNamingTheAllowedOnes() {
        assertThatThrownBy(() -> loader(false).load("engine: slow\n", "m.yaml", List.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("engine").hasMessageContaining("'slow'");
        assertThatThrownBy(() -> loader(false).load("slow: {share: 0.5}\n", "m.yaml", List.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'slow' is unknown");
    }

    @Test
    void defaultWrittenTwice_isADeclarationError() {
        assertThatThrownBy(() -> Schema.of(Badly.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("defaults() gives the default");
    }
}
