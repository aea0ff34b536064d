package org.iommusim.scenarios.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.iommusim.scenarios.config.FieldSpec.ScalarKind;
import org.iommusim.scenarios.config.FieldSpec.ScalarType;
import org.junit.jupiter.api.Test;

/** Scalar parsing and canonical forms; "did you mean" distance. */
class ScalarsTest {
    private static Object parse(ScalarKind kind, String text) throws Scalars.BadValue {
        return Scalars.parse(new ScalarType(kind, Object.class, List.of()), text);
    }

    private static Object canonical(ScalarKind kind, String text) throws Scalars.BadValue {
        ScalarType t = new ScalarType(kind, Object.class, List.of());
        return Scalars.canonical(t, Scalars.parse(t, text));
    }

    @Test
    void sizes_parseExactly_andPrintInLargestWholeUnit() throws Exception {
        assertThat(parse(ScalarKind.SIZE, "4KiB")).isEqualTo(4096L);
        assertThat(parse(ScalarKind.SIZE, "1.5KiB")).isEqualTo(1536L);
        assertThat(parse(ScalarKind.SIZE, "1GiB")).isEqualTo(1L << 30);
        assertThat(canonical(ScalarKind.SIZE, "2097152")).isEqualTo("2MiB");
        assertThat(canonical(ScalarKind.SIZE, "4097")).isEqualTo(4097L);
        assertThatThrownBy(() -> parse(ScalarKind.SIZE, "1.0001KiB")).hasMessageContaining("not a whole number of bytes");
        assertThatThrownBy(() -> parse(ScalarKind.SIZE, "99999999PiB")).hasMessageContaining("out of range");
    }

    @Test
    void auto_acceptedOnlyWhereDeclared_andWrittenBackAsAuto() throws Exception {
        ScalarType withAuto = new ScalarType(ScalarKind.DURATION, long.class, List.of(), true);
        assertThat(Scalars.parse(withAuto, "auto")).isEqualTo(Key.AUTO_VALUE);
        assertThat(Scalars.canonical(withAuto, Key.AUTO_VALUE)).isEqualTo("auto");
        assertThat(Scalars.parse(withAuto, "5us")).isEqualTo(5_000_000L);
        assertThat(withAuto.phrase()).endsWith(", or auto");
        assertThatThrownBy(() -> Scalars.parse(withAuto, "soon")).hasMessageContaining("expected a duration")
                .hasMessageContaining("or auto, to let the run choose");
        assertThatThrownBy(() -> parse(ScalarKind.DURATION, "auto")).hasMessageContaining("expected a duration")
                .hasMessageNotContaining("or auto");
    }

    @Test
    void durationsAndRates_roundTripThroughCanonicalText() throws Exception {
        for (String d : List.of("0", "80ns", "1.5us", "1234567ps", "3s")) {
            Object canon = canonical(ScalarKind.DURATION, d);
            assertThat(parse(ScalarKind.DURATION, (String) canon)).isEqualTo(parse(ScalarKind.DURATION, d));
        }
        assertThat(parse(ScalarKind.RATE, "2.5/us")).isEqualTo(2.5e6);
        assertThat(parse(ScalarKind.RATE, "1KiB/ms")).isEqualTo(1024_000.0);
        for (String r : List.of("1/s", "0.1/ns", "1e30/s", "7/ps")) {
            Object canon = canonical(ScalarKind.RATE, r);
            assertThat(parse(ScalarKind.RATE, (String) canon)).isEqualTo(parse(ScalarKind.RATE, r));
        }
    }

    @Test
    void numbersAndBooleans_acceptOneSpellingOnly() {
        assertThatThrownBy(() -> parse(ScalarKind.BOOLEAN, "yes")).hasMessage(": expected true or false, got 'yes'");
        assertThatThrownBy(() -> parse(ScalarKind.DOUBLE, "NaN")).hasMessageContaining("expected a number");
        assertThatThrownBy(() -> parse(ScalarKind.DOUBLE, "1e9999")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> parse(ScalarKind.INT, "0x10")).hasMessage(": expected an integer, got '0x10'");
    }

    @Test
    void suggestions_pickClosePlausibleTypo() {
        assertThat(Suggestions.closest("entires", List.of("assoc", "entries"))).contains("entries");
        assertThat(Suggestions.closest("Policy", List.of("policy"))).contains("policy");
        assertThat(Suggestions.closest("zzzzzz", List.of("assoc", "entries"))).isEmpty();
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void canonicalDuration_repeatedAndBeyondTheKeptValues_sameTextEachTime() throws Scalars.BadValue {
        ScalarType d = new ScalarType(ScalarKind.DURATION, long.class, List.of());
        for (int round = 0; round < 2; round++) {
            for (long ps = 0; ps < 6_000; ps++) { // more distinct values than are kept
                long v = ps * 1_000_001L;
                String expected = org.iommusim.core.kernel.SimTime.parse(org.iommusim.core.kernel.SimTime.format(v)) == v
                        ? org.iommusim.core.kernel.SimTime.format(v) : v + "ps";
                assertThat(Scalars.canonical(d, v)).as("%d ps, round %d", v, round).isEqualTo(expected);
            }
        }
        assertThat(Scalars.canonical(d, 1_500_000L)).isEqualTo("1.5us");
        assertThat(Scalars.canonical(d, 1_500_000L)).isEqualTo("1.5us");
    }
}
