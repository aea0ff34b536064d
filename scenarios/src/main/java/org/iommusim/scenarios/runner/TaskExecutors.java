package org.iommusim.scenarios.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.iommusim.core.input.UserInputException;

/**
 * The one list of {@link TaskExecutor} kinds: those whose {@link TaskExecutor.Provider} is on
 * the class path. The default {@code iommusim.jar} has none (it stays free of Spark); the
 * {@code cluster} module's jar adds {@code spark}.
 */
public final class TaskExecutors {
    private TaskExecutors() {
    }

    /** Every provider on the class path. */
    public static List<TaskExecutor.Provider> providers() {
        List<TaskExecutor.Provider> out = new ArrayList<>();
        ServiceLoader.load(TaskExecutor.Provider.class).forEach(out::add);
        return out;
    }

    /** An executor of {@code kind} on {@code target}, or a message saying how to get one. */
    public static TaskExecutor open(String kind, String target) {
        for (TaskExecutor.Provider p : providers()) {
            if (p.kind().equals(kind)) {
                return p.open(target);
            }
        }
        throw new UserInputException("--" + kind + " needs the cluster jar (this jar has no " + kind + " support,"
                + " so that the default tool stays small): run through the ./iommusim launcher, which builds"
                + " cluster/target/iommusim-cluster.jar when --" + kind + " is given, or with spark-submit as the"
                + " README shows");
    }
}
