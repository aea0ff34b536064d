package org.iommusim.cluster;

import java.util.List;
import java.util.function.Consumer;
import org.iommusim.scenarios.runner.PointTask;
import org.iommusim.scenarios.runner.Runner;
import org.iommusim.scenarios.runner.TaskExecutor;
import org.iommusim.scenarios.runner.TaskResult;

/** Wraps an executor and cancels the runner (as Ctrl-C does) when the first result arrives. */
final class CancellingExecutor implements TaskExecutor {
    private final TaskExecutor inner;
    private final Runner runner;

    CancellingExecutor(TaskExecutor inner, Runner runner) {
        this.inner = inner;
        this.runner = runner;
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public void execute(List<PointTask> tasks, Consumer<TaskResult> finished) {
        inner.execute(tasks, r -> {
            finished.accept(r);
            runner.cancel();
        });
    }

    @Override
    public void cancel() {
        inner.cancel();
    }

    @Override
    public void close() {
        inner.close();
    }
}
