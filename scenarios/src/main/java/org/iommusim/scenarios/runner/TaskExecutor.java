package org.iommusim.scenarios.runner;

import java.util.List;
import java.util.function.Consumer;

/**
 * Somewhere other than this JVM's threads to run {@link PointTask}s — the extension point for
 * cluster engines ({@code --spark MASTER}; {@link TaskExecutors} is the list). The executor runs
 * every task (retrying transient failures as its engine does), hands each result to the caller
 * as it arrives, and returns when all are done or after {@link #cancel}. A task that fails for
 * good ends {@link #execute} with an exception naming the task's point.
 */
public interface TaskExecutor extends AutoCloseable {

    /** Where tasks run, for messages ({@code spark local[2]}). */
    String describe();

    /**
     * Runs {@code tasks}; {@code finished} receives each result once, one at a time. Returns
     * normally when every task finished or after {@link #cancel} (or the engine shutting down)
     * stopped it with some unfinished; throws when a task failed for good.
     */
    void execute(List<PointTask> tasks, Consumer<TaskResult> finished);

    /** Stops running tasks and starts no new ones; callable from any thread. */
    void cancel();

    /** Releases the engine (idempotent). */
    @Override
    void close();

    /** Makes executors of one kind; found by {@link java.util.ServiceLoader} from the jar that has the engine. */
    interface Provider {
        /** The kind, as in the option's name ({@code spark}). */
        String kind();

        /** An executor on {@code target} (for Spark, a master URL); bad targets are {@code UserInputException}s. */
        TaskExecutor open(String target);
    }
}
