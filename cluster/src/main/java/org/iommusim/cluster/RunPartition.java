package org.iommusim.cluster;

import java.io.Serializable;
import org.apache.spark.SparkEnv;
import org.iommusim.scenarios.runner.PointTask;
import org.iommusim.scenarios.runner.TaskResult;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * Executor side of a Spark task: runs the one {@link PointTask} of its partition and returns its
 * {@link TaskResult}. Serialized to the executors with the job.
 *
 * <p>For the failure tests, the Spark setting {@value #FAIL_POINT} (a point name) makes that
 * point's tasks throw, as a bug in the model would; it is not meant for anything else.
 */
final class RunPartition extends AbstractFunction1<Iterator<PointTask>, TaskResult> implements Serializable {
    static final String FAIL_POINT = "spark.iommusim.test.failPoint";
    private static final long serialVersionUID = 1L;

    @Override
    public TaskResult apply(Iterator<PointTask> partition) {
        PointTask t = partition.next();
        if (partition.hasNext()) {
            throw new IllegalStateException("a partition holds more than one task (after " + t.describe() + ")");
        }
        SparkEnv env = SparkEnv.get();
        if (env != null && t.name().equals(env.conf().get(FAIL_POINT, null))) {
            throw new IllegalStateException(t.describe() + " failed: injected failure (" + FAIL_POINT + ")");
        }
        return TaskResult.run(t);
    }
}
