package org.iommusim.scenarios.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer {@code range-sync}'s header states, as its findings give it (two replications
 * instead of three: the invalidations come at fixed intervals, so their costs are exact): a
 * guest invalidation over a software shadow of 4 KiB leaves reads the closed form's number of
 * guest PTEs, N + ceil(N/512) + 10 for N pages, and costs about 0.15 us of host CPU per page,
 * significantly more than hardware nesting at every range, with the knee at 2 MiB; with 2 MiB
 * leaves it reads M + 8 PTEs for M leaves; no shadow PTE is written (the table does not
 * change); no warning.
 */
class RangeSyncAnswerTest {
    private static final String[] RANGES = {"4KiB", "64KiB", "512KiB", "2MiB", "8MiB"};
    private static final long[] PAGES = {1, 16, 128, 512, 2048};

    @TempDir
    Path dir;

    @Test
    void syncCostIsLinearInPagesFor4KiBLeavesAndPerLeafFor2MiB_hardwareIsFlat() throws Exception {
        CatalogAnswer run = CatalogAnswer.run(dir, "range-sync", "--set", "replications=2");
        assertThat(run.ofKind("warning")).as("no saturation or growing queue").isEmpty();
        for (int i = 0; i < RANGES.length; i++) {
            String at = "range=" + RANGES[i];
            long n = PAGES[i];
            String small = "4k-leaves " + at;
            String large = "2m-leaves " + at;
            double ops = run.mean(small, "cp.op.invalidate.count");
            assertThat(ops).as("%s: invalidations measured", at).isPositive();
            assertThat(run.mean(small, "cp.shadow.guest-ptes-read") / ops).as("%s: N + ceil(N/512) + 10", at)
                    .isEqualTo(n + (n + 511) / 512 + 10.0);
            long leaves = Math.max(1, n / 512);
            assertThat(run.mean(large, "cp.shadow.guest-ptes-read") / run.mean(large, "cp.op.invalidate.count"))
                    .as("%s: one PTE per 2 MiB leaf + 8", at).isEqualTo(leaves + 8.0);
            assertThat(run.mean(small, "cp.shadow.ptes-written")).as("%s: an unchanged table", at).isZero();
            assertThat(run.mean(large, "cp.shadow.ptes-written")).as(at).isZero();
            assertThat(run.mean("hardware " + at, "cp.shadow.guest-ptes-read")).isZero();
            JsonNode cpu = run.significant("run.control-cpu-time", "4k-leaves", at);
            assertThat(cpu.get("reference").asText()).isEqualTo("hardware");
            assertThat(cpu.get("relativeChange").asDouble()).as(at).isPositive();
        }
        assertThat(run.difference("run.control-cpu-time", "4k-leaves", "range=8MiB").get("relativeChange").asDouble())
                .as("8 MiB of 4 KiB leaves").isGreaterThan(50);
        // about 0.15 us per page: one guest read and two reverse-map updates of 50 ns each
        double perPage = (perInvalidation(run, "4k-leaves range=8MiB") - perInvalidation(run, "4k-leaves range=4KiB"))
                / (2048 - 1);
        assertThat(perPage).as("host CPU per 4 KiB page, ps").isCloseTo(150_000, offset(7_500.0));
        // hardware nesting: the same cost at every range; 2 MiB leaves: flat up to 2 MiB
        assertThat(perInvalidation(run, "hardware range=8MiB")).isEqualTo(perInvalidation(run, "hardware range=4KiB"));
        assertThat(perInvalidation(run, "2m-leaves range=2MiB")).isEqualTo(perInvalidation(run, "2m-leaves range=4KiB"));
        assertThat(run.ofKind("knee")).anySatisfy(k -> {
            assertThat(k.get("variant").asText()).isEqualTo("4k-leaves");
            assertThat(k.get("statistic").asText()).isEqualTo("run.control-cpu-time");
            assertThat(k.get("at").asText()).isEqualTo("2MiB");
        });
    }

    private static double perInvalidation(CatalogAnswer run, String point) {
        return run.mean(point, "cp.op.invalidate.cpu-time") / run.mean(point, "cp.op.invalidate.count");
    }
}
