package org.iommusim.scenarios.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** reference.yaml against the schema, and schema declaration errors. */
class ReferenceTest {
    private static final Schema SCHEMA = Schema.of(DemoConfig.class);
    private static final String REFERENCE = DemoFixtures.resource(DemoFixtures.REFERENCE);

    private static List<String> check(String text) {
        return ReferenceCheck.check(SCHEMA, text, "demo-reference.yaml");
    }

    @Test
    void shippedReference_isConsistentWithSchema_andGenerated() {
        assertThat(check(REFERENCE)).isEmpty();
        assertThat(REFERENCE).isEqualTo(GenerateDemoReference.render());
    }

    @Test
    void check_catchesKeyMissingFromReference() {
        assertThat(check(REFERENCE.replace("  # Hit latency (a duration like 80ns or 1.5us; range: <= 1ms)\n  latency: 2ns\n", "")))
                .containsExactly("key 'cache.latency' is in the schema but missing from demo-reference.yaml");
        assertThat(check(REFERENCE.replace("      bufferSize: 2KiB\n", "")))
                .containsExactly("key 'devices.*.ring.bufferSize' is in the schema but missing from demo-reference.yaml");
    }

    @Test
    void check_catchesKeyTheSchemaLacks() {
        assertThat(check(REFERENCE.replace("  entries: 2048\n", "  entries: 2048\n  # stray\n  ways: 4\n")))
                .containsExactly("demo-reference.yaml:17:3: key 'cache.ways' is not in the schema");
    }

    @Test
    void check_catchesUndocumentedKey_andWrongDefault() {
        assertThat(check(REFERENCE.replace("# Master seed of the run (an integer)\n", "")))
                .containsExactly("demo-reference.yaml:6:1: key 'seed' has no comment documenting it");
        assertThat(check(REFERENCE.replace("entries: 2048", "entries: 4096")))
                .containsExactly("demo-reference.yaml:15:12: key 'cache.entries' is '4096' but the schema default is 2048");
        assertThat(check(REFERENCE.replace("    name: ~", "    name: x")))
                .containsExactly("demo-reference.yaml:36:11: key 'devices.*.name' has no default in the schema; write ~");
    }

    record Undocumented(int x) {
    }

    record BadDefault(@Key(doc = "d", def = "fast", kind = Key.Kind.DURATION) long d) {
    }

    record PrimitiveOptional(@Key(doc = "d", def = Key.NONE) int d) {
    }

    @Test
    void schemaDeclarationMistakes_failAtSchemaConstruction() {
        assertThatThrownBy(() -> Schema.of(Undocumented.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Undocumented.x has no @Key");
        assertThatThrownBy(() -> Schema.of(BadDefault.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BadDefault.d: bad default or bound");
        assertThatThrownBy(() -> Schema.of(PrimitiveOptional.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a reference type");
    }
}
