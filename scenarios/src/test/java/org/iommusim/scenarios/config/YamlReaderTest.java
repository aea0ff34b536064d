package org.iommusim.scenarios.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.iommusim.scenarios.config.DemoFixtures.errors;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The located YAML reader: origins, and the YAML features it refuses. */
class YamlReaderTest {

    @Test
    void nodes_keepLineAndColumn() {
        YamlNode.MapNode root = YamlReader.readDocument("a:\n  b: [x, 7]\n", "f.yaml");
        YamlNode.Entry a = root.entry("a").orElseThrow();
        assertThat(a.keyOrigin()).hasToString("f.yaml:1:1");
        YamlNode.MapNode inner = (YamlNode.MapNode) a.value();
        assertThat(inner.entry("b").orElseThrow().keyOrigin()).hasToString("f.yaml:2:3");
        YamlNode.ListNode list = (YamlNode.ListNode) inner.get("b");
        assertThat(list.items().get(1).origin()).hasToString("f.yaml:2:10");
        assertThat(((YamlNode.Scalar) list.items().get(1)).text()).isEqualTo("7");
    }

    @Test
    void duplicateKey_reportsSecondAndFirstLine() {
        assertThat(errors("cache:\n  entries: 1\n  entries: 2\n"))
                .isEqualTo("scenario.yaml:3:3: key 'entries' is defined twice (first at line 2)");
    }

    @Test
    void malformedYaml_reportsLineAndColumn() {
        assertThat(errors("cache:\n entries: 1\n  assoc: 2\n"))
                .isEqualTo("scenario.yaml:3:8: malformed YAML: mapping values are not allowed here");
        assertThat(errors("pageSizes: [4KiB, 2MiB\nseed: 1\n"))
                .isEqualTo("scenario.yaml:2:5: malformed YAML: expected ',' or ']', but got :");
    }

    @Test
    void controlCharacter_isLocated() {
        assertThat(errors("seed: 1\ncache:\n  entries: 1\u0007\n"))
                .isEqualTo("scenario.yaml:3:13: malformed YAML: character U+0007 is not allowed in YAML");
    }

    @Test
    void invalidUtf8_isBadInput() {
        byte[] bytes = "seed: 1\n".getBytes(StandardCharsets.UTF_8);
        bytes[6] = (byte) 0xC3;
        assertThatThrownBy(() -> DemoFixtures.loader().load(bytes, "bad.yaml", List.of()))
                .isInstanceOf(ConfigException.class).hasMessage("bad.yaml:1:1: the file is not valid UTF-8 text");
    }

    @Test
    void aliasesAndAnchors_areRejected() {
        assertThat(errors("cache: &c\n  entries: 1\n")).isEqualTo(
                "scenario.yaml:1:8: anchors (&c) are not supported; write the value out");
        assertThat(errors("seed: *x\n")).startsWith("scenario.yaml:1:7: ");
    }

    @Test
    void nonStringKeys_andTags_areRejected() {
        assertThat(errors("? [a, b]\n: 1\n")).isEqualTo(
                "scenario.yaml:1:3: keys must be plain strings, found a list used as a key");
        assertThat(errors("~: 1\n")).isEqualTo("scenario.yaml:1:1: keys must be non-empty strings, found a null key");
        assertThat(errors("seed: !!int 3\n")).isEqualTo(
                "scenario.yaml:1:7: explicit tags (tag:yaml.org,2002:int) are not supported");
    }

    @Test
    void topLevelMustBeAMap_andASingleDocument() {
        assertThat(errors("- a\n")).isEqualTo("scenario.yaml:1:1: the top level must be a map of keys, got a list");
        assertThat(errors("seed: 1\n---\nseed: 2\n")).isEqualTo(
                "scenario.yaml:2:1: expected a single YAML document, found a second one");
    }

    @Test
    void deepNesting_isRejectedNotOverflowed() {
        String yaml = "seed: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        assertThat(errors(yaml)).contains("nesting deeper than " + YamlReader.MAX_DEPTH + " levels");
    }
}
