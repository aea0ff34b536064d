package org.iommusim.core.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class JsonChecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A parser on the first value of {@code json}. */
    private static JsonParser on(String json) throws IOException {
        JsonParser p = JSON.createParser(json);
        p.nextToken();
        return p;
    }

    @Test
    void streamValues_ofTheRightTypeAreRead_nullIsNaN() throws IOException {
        assertThat(JsonChecks.number(on("2.5"), "x")).isEqualTo(2.5);
        assertThat(JsonChecks.number(on("null"), "x")).isNaN();
        assertThat(JsonChecks.integer(on("7"), "x")).isEqualTo(7);
        assertThat(JsonChecks.longValue(on("12345678901"), "x")).isEqualTo(12345678901L);
        assertThat(JsonChecks.text(on("\"ns\""), "x")).isEqualTo("ns");
    }

    @Test
    void streamValues_ofTheWrongTypeNameTheirPathAndWhatWasExpected() {
        assertThatThrownBy(() -> JsonChecks.number(on("\"1\""), "variants[0].summary.a.mean"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("variants[0].summary.a.mean: expected a number or null");
        assertThatThrownBy(() -> JsonChecks.integer(on("12345678901"), "s.n")).hasMessage("s.n: expected an integer");
        assertThatThrownBy(() -> JsonChecks.longValue(on("1.5"), "r.seed")).hasMessage("r.seed: expected an integer");
        assertThatThrownBy(() -> JsonChecks.text(on("3"), "s.unit")).hasMessage("s.unit: expected a string");
        assertThatThrownBy(() -> JsonChecks.expectObject(on("[]"), "stats")).hasMessage("stats: expected an object");
        assertThatThrownBy(() -> JsonChecks.expectArray(on("{}"), "s.t")).hasMessage("s.t: expected an array");
    }

    @Test
    void once_refusesAKeySeenBeforeAndRequiredAMissingOne() {
        assertThat(JsonChecks.once(null, "r", "seed")).isEqualTo("r.seed");
        assertThatThrownBy(() -> JsonChecks.once(1L, "r", "seed")).hasMessage("r: duplicate key 'seed'");
        assertThatThrownBy(() -> JsonChecks.required((Long) null, "r", "index")).hasMessage("r.index: missing");
    }

    @Test
    void treeFields_nameTheirPathFromTheTopLevel() throws IOException {
        JsonNode root = JSON.readTree("{\"seed\": 1, \"scenario\": 2, \"v\": {\"w\": []}}");
        assertThat(JsonChecks.longValue(root, "seed", "")).isEqualTo(1);
        assertThat(JsonChecks.integer(root, "seed", "")).isEqualTo(1);
        assertThatThrownBy(() -> JsonChecks.text(root, "scenario", "")).hasMessage("scenario: expected a string");
        assertThatThrownBy(() -> JsonChecks.text(root, "name", "variants[2]")).hasMessage("variants[2].name: missing");
        assertThat(JsonChecks.array(JsonChecks.object(root, "v", ""), "w", "v").size()).isZero();
        assertThatThrownBy(() -> JsonChecks.array(root, "v", "")).hasMessage("v: expected an array");
        assertThatThrownBy(() -> JsonChecks.object(root, "seed", "")).hasMessage("seed: expected an object");
    }
}
