package org.iommusim.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DistributionRegistryTest {
    private static final long SEED = 5L;
    private final DistributionRegistry registry = DistributionRegistry.standard();

    @Test
    void names_areTheSixStableConfigNames() {
        assertThat(registry.names()).containsExactly("deterministic", "empirical", "exponential", "lognormal", "uniform",
                "zipf");
    }

    @Test
    void unknownName_failsListingValidNames() {
        assertThatThrownBy(() -> registry.spec("gaussian", Map.of("mean", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown distribution 'gaussian'")
                .hasMessageContaining("deterministic, empirical, exponential, lognormal, uniform, zipf");
        assertThatThrownBy(() -> registry.spec(null, Map.of())).hasMessageContaining("valid: deterministic");
    }

    @Test
    void unknownOrMissingParameter_failsListingParameters() {
        assertThatThrownBy(() -> registry.spec("uniform", Map.of("low", 1, "hgih", 2)))
                .hasMessageContaining("no parameter 'hgih'").hasMessageContaining("low, high");
        assertThatThrownBy(() -> registry.spec("uniform", Map.of("low", 1)))
                .hasMessageContaining("needs parameter 'high'");
    }

    @Test
    void eachFamily_declaresItsSupport() {
        assertThat(new Exponential(2).lowest()).isZero();
        assertThat(new Exponential(2).highest()).isInfinite();
        assertThat(new Uniform(-1, 3).lowest()).isEqualTo(-1);
        assertThat(new Uniform(-1, 3).highest()).isEqualTo(3);
        assertThat(new Deterministic(7).lowest()).isEqualTo(7);
        assertThat(new Zipf(10, 1).highest()).isEqualTo(10);
        Empirical e = new Empirical(List.of(5.0, -2.0, 9.0), List.of(1.0, 1.0, 0.0));
        assertThat(e.lowest()).isEqualTo(-2);
        assertThat(e.highest()).as("9 has weight 0").isEqualTo(5);
    }

    @Test
    void listParameter_acceptsACommaSeparatedString() {
        assertThat(registry.spec("empirical", Map.of("values", "1ns, 2ns", "weights", "3, 1")))
                .isEqualTo(new Empirical(List.of(1000.0, 2000.0), List.of(3.0, 1.0)));
    }

    @Test
    void eachFamily_isBuiltFromParameters() {
        assertThat(registry.spec("exponential", Map.of("mean", 2.5))).isEqualTo(new Exponential(2.5));
        assertThat(registry.spec("uniform", Map.of("low", 1, "high", "3"))).isEqualTo(new Uniform(1, 3));
        assertThat(registry.spec("deterministic", Map.of("value", 7L))).isEqualTo(new Deterministic(7));
        assertThat(registry.spec("zipf", Map.of("elements", 100, "exponent", 0.99)))
                .isEqualTo(new Zipf(100, 0.99));
        assertThat(registry.spec("empirical", Map.of("values", List.of(1, 2), "weights", List.of("0.25", 0.75))))
                .isEqualTo(new Empirical(List.of(1.0, 2.0), List.of(0.25, 0.75)));
        for (String name : registry.names()) {
            assertThat(registry.parameters(name)).isNotEmpty();
        }
    }

    @Test
    void durationStrings_convertToPicoseconds() {
        assertThat(registry.spec("exponential", Map.of("mean", "200ns"))).isEqualTo(new Exponential(200_000));
        assertThatThrownBy(() -> registry.spec("exponential", Map.of("mean", "200 parsecs")))
                .hasMessageContaining("parameter 'mean'").hasMessageContaining("unknown unit");
    }

    @Test
    void empirical_takesValuesAndWeightsOrAFile_notAMixture() {
        assertThatThrownBy(() -> registry.spec("empirical", Map.of("values", "1, 2")))
                .hasMessageContaining("takes either values and weights or file").hasMessageContaining("got values");
        assertThatThrownBy(() -> registry.spec("empirical", Map.of("values", "1", "weights", "1", "file", "x.csv")))
                .hasMessageContaining("takes either values and weights or file");
        assertThatThrownBy(() -> registry.spec("lognormal", Map.of("mean", "80ns", "sigma", 1)))
                .hasMessageContaining("no parameter 'sigma'").hasMessageContaining("mean, cv");
    }

    @Test
    void zipfElements_mustBeWhole() {
        assertThatThrownBy(() -> registry.spec("zipf", Map.of("elements", 10.5, "exponent", 1)))
                .hasMessageContaining("whole number");
    }

    @Test
    void create_drawsSameNumbersAsStreamFactory() {
        Distribution viaRegistry = registry.create("exponential", Map.of("mean", 10),
                new RandomStreams(SEED, 0).stream("s"));
        Distribution direct = new RandomStreams(SEED, 0).stream("s").exponential(10);
        for (int i = 0; i < 100; i++) {
            assertThat(viaRegistry.sample()).as("seed %d sample %d", SEED, i).isEqualTo(direct.sample());
        }
    }

    @Test
    void exampleFamily_isOneClassPlusOneRegistryEntry_andIsBuiltAndSampledByName() {
        DistributionRegistry extended = registry.with(TriangularFamilyExample.FAMILY);
        assertThat(extended.names()).contains("triangular").hasSize(7);
        assertThat(extended.parameters("triangular")).containsExactly("low", "mode", "high");
        assertThat(registry.names()).as("the standard registry is unchanged").doesNotContain("triangular");
        Distribution d = extended.create("triangular", Map.of("low", "1ns", "mode", "2ns", "high", "6ns"),
                new RandomStreams(SEED, 0).stream("t"));
        assertThat(d.mean()).isEqualTo(3000.0);
        for (int i = 0; i < 1000; i++) {
            assertThat(d.sample()).as("seed %d sample %d", SEED, i).isBetween(1000.0, 6000.0);
        }
        assertThatThrownBy(() -> extended.spec("triangular", Map.of("low", 3, "mode", 1, "high", 2)))
                .hasMessageContaining("low <= mode <= high");
        assertThatThrownBy(() -> registry.with(Exponential.FAMILY))
                .hasMessageContaining("two distribution families are named 'exponential'");
    }
}
