package org.iommusim.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.iommusim.scenarios.config.ConfigException;
import org.junit.jupiter.api.Test;

/** Checking the variants on several threads gives the same models and the same first failure as serially. */
class PreparedTest {
    private static ScenarioSource source(String name, String text) {
        return new ScenarioSource(text, name, Path.of("."), "x");
    }

    private static String resource(String name) {
        try (var in = PreparedTest.class.getResourceAsStream("/scenarios/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void parallelCheck_preparesTheSameVariants() {
        ScenarioSource s = source("sweep.yaml", resource("sweep.yaml"));
        Prepared serial = Prepared.of(s, List.of());
        Prepared parallel = Prepared.of(s, List.of(), 3);
        assertThat(parallel.plan()).isEqualTo(serial.plan());
        assertThat(parallel.models()).hasSize(serial.models().size()).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(parallel.models().get(i).scenario()).isEqualTo(serial.models().get(i).scenario());
        }
    }

    @Test
    void parallelCheck_reportsTheFirstBadVariantInPlanOrder() {
        String text = resource("small.yaml").replaceAll("(?s)variants:.*", "")
                + "variants:\n"
                + "  - {name: fine, set: {iommu.iotlb.entries: \"64\"}}\n"
                + "  - {name: first-bad, set: {iommu.iotlb.entries: \"12\"}}\n"
                + "  - {name: second-bad, set: {iommu.iotlb.entries: \"20\"}}\n";
        ScenarioSource s = source("bad.yaml", text);
        Throwable serial = catchThrowable(() -> Prepared.of(s, List.of()));
        assertThat(serial).isInstanceOf(ConfigException.class);
        for (int jobs : new int[] {2, 3}) {
            Throwable parallel = catchThrowable(() -> Prepared.of(s, List.of(), jobs));
            assertThat(parallel).isInstanceOf(ConfigException.class).hasMessage(serial.getMessage());
        }
        assertThat(serial.getMessage()).contains("12");
    }

    @Test
    void parallelLoad_checkFailureOfAnEarlierPoint_reportedBeforeALaterPointsLoadFailure() {
        String text = resource("small.yaml").replaceAll("(?s)variants:.*", "")
                + "variants:\n"
                + "  - {name: fine, set: {iommu.iotlb.entries: \"64\"}}\n"
                + "  - {name: check-bad, set: {iommu.iotlb.entries: \"12\"}}\n"
                + "  - {name: load-bad, set: {iommu.no-such-key: \"1\"}}\n";
        ScenarioSource s = source("bad.yaml", text);
        Throwable serial = catchThrowable(() -> Prepared.of(s, List.of()));
        assertThat(serial).isInstanceOf(ConfigException.class).hasMessageContaining("12")
                .hasMessageNotContaining("no-such-key");
        for (int jobs : new int[] {Prepared.AUTO_JOBS, 2, 3}) {
            assertThat(catchThrowable(() -> Prepared.of(s, List.of(), jobs))).as("jobs %d", jobs)
                    .isInstanceOf(ConfigException.class).hasMessage(serial.getMessage());
        }
    }
}
