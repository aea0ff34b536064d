package org.iommusim.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.List;
import org.iommusim.core.input.UserInputException;
import org.iommusim.core.results.ResultsJson;
import org.iommusim.core.results.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resuming from an interrupted run's folder runs only the missing replications and ends with the same bytes. */
class ResumeTest {
    @TempDir
    Path dir;

    /** A results folder as an interrupted run leaves it: every other replication finished. */
    private Path interrupted(Prepared p, Runner.Outcome full) {
        Snapshot[][] half = new Snapshot[p.models().size()][];
        for (int v = 0; v < half.length; v++) {
            half[v] = new Snapshot[p.models().get(v).scenario().replications()];
            var reps = full.results().variants().get(v).replications();
            for (int k = 0; k < half[v].length; k++) {
                if ((v + k) % 2 == 0) {
                    half[v][k] = reps.get(k).snapshot();
                }
            }
        }
        OutputFolder out = OutputFolder.create(dir.resolve("run"));
        ResultFiles.write(out, p, new Runner.Outcome(Runner.merge(p, half), 1, 1, false), "run",
                Invocation.now(List.of(), List.of(), 1, "test", java.util.Optional.empty()));
        return out.abandon();
    }

    @Test
    void resume_runsOnlyMissingReplications_andGivesTheCompleteRunsBytes() {
        Prepared p = TaskExecutorPathTest.sweep(List.of("duration=30us"));
        Runner.Outcome full = new Runner().run(p, 1, Progress.silent());
        Path kept = interrupted(p, full);
        Snapshot[][] done = Resume.load(kept, p);
        assertThat(Resume.count(done)).isEqualTo(4);
        assertThat(PointTask.of(p, done)).hasSize(4);
        Runner.Outcome resumed = new Runner().resuming(done).run(p, 2, Progress.silent());
        assertThat(resumed.complete()).isTrue();
        assertThat(ResultsJson.toJson(resumed.results())).isEqualTo(ResultsJson.toJson(full.results()));
        Runner.Outcome viaTasks = new Runner().resuming(done).run(p, new SerializingExecutor(), Progress.silent());
        assertThat(ResultsJson.toJson(viaTasks.results())).isEqualTo(ResultsJson.toJson(full.results()));
    }

    @Test
    void resume_fromAnotherConfiguration_isBadInputNamingWhy() {
        Prepared p = TaskExecutorPathTest.sweep(List.of("duration=30us"));
        Path kept = interrupted(p, new Runner().run(p, 1, Progress.silent()));
        Throwable t = catchThrowable(() -> Resume.load(kept, TaskExecutorPathTest.sweep(List.of("duration=30us", "seed=9"))));
        assertThat(t).isInstanceOf(UserInputException.class).hasMessageContaining("different configuration");
        Throwable none = catchThrowable(() -> Resume.load(dir, p));
        assertThat(none).isInstanceOf(UserInputException.class).hasMessageContaining("not a results folder");
    }
}
