package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.iommusim.scenarios.catalog.Catalog;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a performance engineer reads of every catalog scenario (shortened runs, two
 * replications): the console summary and stats.txt show no raw picoseconds or bytes/s figure (a
 * human unit is chosen per statistic) and no line is wider than 120 columns, sweeps included.
 */
class ReadableOutputsTest {
    private static final int WIDTH = 120;
    /** A unit column or header that still says ps or bytes/s. */
    private static final Pattern RAW_UNIT = Pattern.compile("(^|[\\s(])(ps|bytes/s|1/s)($|[\\s)])");

    @TempDir
    Path dir;

    static Stream<String> names() {
        return Catalog.NAMES.stream();
    }

    @ParameterizedTest
    @MethodSource("names")
    void consoleAndStatsTxt_humanUnits_within120Columns(String name) throws Exception {
        CliRig cli = new CliRig();
        Path out = dir.resolve(name);
        // as CatalogScenariosTest: the gpu's copies and fault-storm's page requests need longer
        String duration = Map.of("sva-gpu", "200us", "fault-storm", "250us").getOrDefault(name, "20us");
        int code = cli.run("run", name, "--out", out.toString(), "--no-report", "--set", "duration=" + duration,
                "--set", "warmup=5us", "--set", "replications=2");
        assertThat(code).as(cli.err.toString()).isZero();
        String console = cli.out.toString();
        String stats = Files.readString(out.resolve("stats.txt"));
        for (String text : List.of(console, stats)) {
            assertThat(text.lines()).as(name).allSatisfy(line -> {
                assertThat(line.codePointCount(0, line.length())).as("%s: width of %s", name, line)
                        .isLessThanOrEqualTo(WIDTH);
                assertThat(RAW_UNIT.matcher(line).find()).as("%s: raw unit in %s", name, line).isFalse();
            });
        }
        assertThat(console).as(name).contains("dma-latency").doesNotContain("E-").doesNotContain("E+");
        assertThat(stats).as(name).contains("descriptions").contains("zero or never observed in every variant");
    }
}
