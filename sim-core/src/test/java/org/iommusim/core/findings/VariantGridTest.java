package org.iommusim.core.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.iommusim.core.results.VariantResult;
import org.junit.jupiter.api.Test;

class VariantGridTest {
    private static final String RATE = "workloads.churn.rate";
    private static final String SPAN = "devices.dev0.dma.span";

    /** A point of series {@code series} at rate and span, its name as the runner writes it. */
    private static VariantResult point(String series, String rate, String span) {
        var o = new java.util.LinkedHashMap<String, String>();
        o.put(RATE, rate);
        o.put(SPAN, span);
        String name = (series.isEmpty() ? "" : series + " ") + "rate=" + rate + " span=" + span;
        return Docs.variant(name, o, java.util.Map.of("run.x", new double[] {1, 2}));
    }

    @Test
    void series_groupsTheSweepPointsOfEachNamedVariant_inRunOrder() {
        List<VariantResult> v = List.of(point("hw", "1", "4KiB"), point("sw", "1", "4KiB"), point("hw", "10", "4KiB"));
        VariantGrid grid = new VariantGrid(v, List.of(RATE, SPAN));
        assertThat(grid.series()).extracting(s -> s.stream().map(VariantResult::name).toList()).containsExactly(
                List.of("hw rate=1 span=4KiB", "hw rate=10 span=4KiB"), List.of("sw rate=1 span=4KiB"));
        assertThat(grid.seriesName(v.get(1))).isEqualTo("sw");
        assertThat(grid.seriesName(point("", "1", "4KiB"))).isEmpty();
    }

    @Test
    void series_withoutASweepIsEachVariantAlone() {
        VariantResult a = Docs.variant("two words", "run.x", 1, 2);
        VariantGrid grid = new VariantGrid(List.of(a, Docs.variant("b", "run.x", 1, 2)), List.of());
        assertThat(grid.series()).hasSize(2);
        assertThat(grid.seriesOf(a)).isEqualTo("two words");
    }

    @Test
    void lines_holdTheOtherAxesFixed() {
        List<VariantResult> v = List.of(point("", "1", "4KiB"), point("", "10", "4KiB"), point("", "1", "2MiB"),
                point("", "10", "2MiB"));
        VariantGrid grid = new VariantGrid(v, List.of(RATE, SPAN));
        assertThat(grid.coordinates(v.get(3), null)).isEqualTo("rate=10 span=2MiB");
        assertThat(grid.coordinates(v.get(3), RATE)).isEqualTo("span=2MiB");
        assertThat(grid.lines(v, RATE)).extracting(List::size).containsExactly(2, 2);
        assertThat(grid.lines(v, RATE).get(1)).containsExactly(v.get(2), v.get(3));
    }

    @Test
    void values_skipMissingAndNonFiniteReplicationsAndTestNeedsTwoPerSide() {
        VariantResult a = Docs.variant("a", "run.x", 1, Double.NaN, 3);
        VariantResult b = Docs.variant("b", "run.x", 5, Double.NaN);
        assertThat(VariantGrid.values(a, "run.x")).containsExactly(1, 3);
        assertThat(VariantGrid.values(a, "run.y")).isEmpty();
        assertThat(VariantGrid.test(a, b, "run.x")).isNull();
        assertThat(VariantGrid.test(a, a, "run.x").difference()).isZero();
    }
}
