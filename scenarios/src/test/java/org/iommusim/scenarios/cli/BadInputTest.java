package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class of bad input to {@code run}: exit 2, a message naming the place, the key and what
 * is allowed, no stack trace, and no output folder (nor a staging folder) left behind.
 */
class BadInputTest {
    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("unknown key", "small.yaml", "duration: 30us", "durration: 30us",
                        new String[] {"scenario.yaml:4:1", "'durration' is unknown", "did you mean 'duration'"}),
                Arguments.of("wrong type", "small.yaml", "replications: 2", "replications: two",
                        new String[] {"scenario.yaml:6:15", "expected an integer"}),
                Arguments.of("wrong unit", "small.yaml", "warmup: 5us", "warmup: 5 parsecs",
                        new String[] {"scenario.yaml:5:9", "expected a duration", "units: ps, ns, us, ms, s"}),
                Arguments.of("out of range", "small.yaml", "replications: 2", "replications: 0",
                        new String[] {"scenario.yaml:6:15", "out of range", "allowed: 1 to 1000"}),
                Arguments.of("dangling reference", "small.yaml", "    ioasid: vm\n    nvme", "    ioasid: vm2\n    nvme",
                        new String[] {"key 'devices.nvme0.ioasid' names IOASID 'vm2'", "did you mean 'vm'"}),
                Arguments.of("no IOMMU under ATS", "small.yaml", "kind: nvme", "kind: nvme\n    translation: none\n    ats: {enabled: true}",
                        new String[] {"key 'devices.nvme0.translation'", "cannot serve ATS", "allowed here: iommu, pass-through"}),
                Arguments.of("unknown enum", "small.yaml", "kind: nvme", "kind: nvmf",
                        new String[] {"unknown value 'nvmf'", "nvme"}),
                Arguments.of("a key that moved", "small.yaml", "replications: 2",
                        "replications: 2\niommu: {pipeline: {requestOccupancy: 18200ps}}",
                        new String[] {"scenario.yaml:", "'iommu.pipeline.requestOccupancy' has moved",
                                "set devices.<d>.dma.requestOccupancy instead", "the device's own issue limit"}),
                Arguments.of("cache shape", "small.yaml", "replications: 2", "replications: 2\niommu: {iotlb: {entries: 3000}}",
                        new String[] {"key 'iommu.iotlb'", "must be a power of two"}),
                Arguments.of("three stages of hardware nesting", "small.yaml", "devices:",
                        "  - name: l3\n    parent: vm\n    mode: bind-invalidate\n    nesting: hardware\ndevices:",
                        new String[] {"key 'ioasids.l3'", "refused"}),
                Arguments.of("a policy the nesting strategy lacks", "small.yaml", "    nesting: hardware\n    guest:",
                        "    nesting: hardware\n    cachingMode: true\n    guest:",
                        new String[] {"key 'ioasids.vm'", "caching mode need software nesting",
                                "rule: they are shadow policies"}),
                Arguments.of("bad variant key", "small.yaml", "{ioasids.vm.nesting: hardware}", "{ioasids.vm.nestng: hardware}",
                        new String[] {"scenario.yaml:", "'ioasids.vm.nestng' is unknown", "did you mean 'nesting'"}),
                Arguments.of("unknown distribution family", "small.yaml", "replications: 2",
                        "replications: 2\niommu: {memory: {latencyDistribution: {distribution: gaussian}}}",
                        new String[] {"iommu.memory.latencyDistribution.distribution", "'gaussian'", "lognormal"}),
                Arguments.of("missing distribution parameter", "small.yaml", "replications: 2",
                        "replications: 2\nhost: {costs: {syscallDistribution: {distribution: lognormal, parameters: {mean: 1us}}}}",
                        new String[] {"key 'host.costs.syscallDistribution'", "needs parameter 'cv'", "mean, cv"}),
                Arguments.of("negative duration distribution", "small.yaml", "replications: 2",
                        "replications: 2\nhost: {costs: {trapDistribution: {distribution: uniform, parameters: {low: -5, high: 5}}}}",
                        new String[] {"key 'host.costs.trapDistribution'", "a duration is at least 0"}),
                Arguments.of("missing empirical file", "small.yaml", "replications: 2",
                        "replications: 2\niommu: {memory: {latencyDistribution: {distribution: empirical, parameters: {file: lat.csv}}}}",
                        new String[] {"key 'iommu.memory.latencyDistribution'", "lat.csv", "does not exist",
                                "relative to the scenario file's folder"}),
                Arguments.of("malformed yaml", "small.yaml", "replications: 2", "replications: [2",
                        new String[] {"scenario.yaml:"}),
                Arguments.of("garbage bytes", "small.yaml", "replications: 2", "replications: 2\n\u0000\u0001\u0002",
                        new String[] {"scenario.yaml:"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badScenario_exitsTwo_namesTheProblem_leavesNoOutput(String what, String base, String from, String to,
                                                             String[] expected) throws Exception {
        String text = CliRig.scenario(base);
        assertThat(text).contains(from);
        Path file = dir.resolve("scenario.yaml");
        Files.write(file, text.replace(from, to).getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve("out");
        CliRig cli = new CliRig();
        assertThat(cli.run("run", file.toString(), "--out", out.toString(), "-q")).as(cli.err.toString()).isEqualTo(2);
        assertThat(cli.err.toString()).contains(expected).doesNotContain("\tat ").doesNotContain("Exception");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("scenario.yaml");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandLines")
    void badCommandLine_exitsTwo(String what, String[] args, String expected) {
        CliRig cli = new CliRig();
        assertThat(cli.run(args)).as(cli.err.toString()).isEqualTo(2);
        assertThat(cli.err.toString()).contains(expected).doesNotContain("\tat ");
    }

    static Stream<Arguments> commandLines() {
        String small = "src/test/resources/scenarios/small.yaml";
        return Stream.of(
                Arguments.of("missing scenario", new String[] {"run", "no-such-scenario"}, "not in the catalog"),
                Arguments.of("bad --set", new String[] {"validate", small, "--set", "iommu.iotlb.entries"},
                        "expected key=value"),
                Arguments.of("unknown --set key", new String[] {"validate", small, "--set", "iommu.iotlbb.entries=1"},
                        "did you mean 'iotlb'"),
                Arguments.of("bad jobs", new String[] {"run", small, "--jobs", "0", "--out", "target/x-never"},
                        "--jobs must be at least 1"),
                Arguments.of("report of a folder without results", new String[] {"report", "no-such-folder"},
                        "not a results folder"));
    }
}
