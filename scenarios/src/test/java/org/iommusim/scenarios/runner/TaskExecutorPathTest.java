package org.iommusim.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.iommusim.core.results.ResultsJson;
import org.iommusim.core.results.Snapshot;
import org.iommusim.scenarios.catalog.Catalog;
import org.junit.jupiter.api.Test;

/**
 * The task path a cluster engine takes (tasks and results serialized, run in another order,
 * models rebuilt from the shipped spec) merges into the same stats.json bytes as local threads.
 */
class TaskExecutorPathTest {
    static Prepared sweep(List<String> sets) {
        return Prepared.of(new ScenarioSource(text(), "sweep.yaml", Path.of("."), "sweep"), sets);
    }

    static String text() {
        try (var in = TaskExecutorPathTest.class.getResourceAsStream("/scenarios/sweep.yaml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void serializedTasks_mergeIntoTheSameStatsJsonAsLocalThreads() {
        Prepared p = sweep(List.of("duration=50us"));
        String local = ResultsJson.toJson(new Runner().run(p, 2, Progress.silent()).results());
        SerializingExecutor remote = new SerializingExecutor();
        Runner.Outcome o = new Runner().run(p, remote, Progress.silent());
        assertThat(o.complete()).isTrue();
        assertThat(o.events()).isPositive();
        assertThat(ResultsJson.toJson(o.results())).isEqualTo(local);
        assertThat(remote.bytesOut / 8).as("bytes per task").isLessThan(4096);
    }

    @Test
    void pairedScenarios_shipEachSidesOwnSource() {
        List<String> sets = List.of("duration=20us", "replications=1", "sweep.axes=[]");
        Prepared a = sweep(sets);
        Prepared b = Prepared.of(new ScenarioSource(text().replace("span: 1MiB", "span: 8MiB"), "wide.yaml", Path.of("."),
                "wide"), sets);
        Prepared pair = Prepared.group(List.of(a, b));
        var localDoc = new Runner().run(pair, 1, Progress.silent()).results();
        assertThat(localDoc.variants().get(0).summary()).isNotEqualTo(localDoc.variants().get(1).summary());
        String local = ResultsJson.toJson(localDoc);
        assertThat(ResultsJson.toJson(new Runner().run(pair, new SerializingExecutor(), Progress.silent()).results()))
                .isEqualTo(local);
    }

    @Test
    void snapshotEncoding_readsBackEqual_everyCatalogScenario() {
        for (String name : Catalog.NAMES) {
            Prepared p = Prepared.of(ScenarioSource.resolve(name), List.of("duration=20us", "warmup=1us",
                    "replications=1"));
            Snapshot s = p.models().get(0).run(new org.iommusim.core.experiment.ReplicationContext(1, 0));
            assertThat(TaskResult.decode(TaskResult.encode(s))).as(name).isEqualTo(s);
        }
    }

    @Test
    void cancelled_keepsWhatFinished_andIsIncomplete() {
        Prepared p = sweep(List.of("duration=20us"));
        Runner runner = new Runner();
        SerializingExecutor ex = new SerializingExecutor() ;
        Runner.Outcome o = runner.run(p, new TaskExecutor() {
            @Override
            public String describe() {
                return "stops after three";
            }

            @Override
            public void execute(List<PointTask> tasks, java.util.function.Consumer<TaskResult> finished) {
                int[] n = new int[1];
                ex.execute(tasks, r -> {
                    finished.accept(r);
                    if (++n[0] == 3) {
                        runner.cancel();
                    }
                });
            }

            @Override
            public void cancel() {
                ex.cancel();
            }

            @Override
            public void close() {
            }
        }, Progress.silent());
        assertThat(o.complete()).isFalse();
        assertThat(o.results().variants().stream().mapToInt(v -> v.replications().size()).sum()).isEqualTo(3);
    }
}
