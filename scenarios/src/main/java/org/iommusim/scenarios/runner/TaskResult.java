package org.iommusim.scenarios.runner;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.iommusim.core.results.Replication;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.ResultsJson;
import org.iommusim.core.results.Snapshot;
import org.iommusim.core.results.VariantResult;

/**
 * What a remote {@link PointTask} sends back: its task number, the snapshot as the text
 * {@code stats.json} would hold for it (a one-replication results document, so kinds, units and
 * descriptions travel with the values), and the events the run executed. The encoding is
 * {@link ResultsJson}'s, whose numbers read back to the same doubles, so the merged
 * {@code stats.json} is byte-identical to a local run's.
 *
 * @param task     the task's position in the task list
 * @param snapshot the snapshot encoded by {@link #encode}
 * @param events   events executed by the run
 */
public record TaskResult(int task, String snapshot, long events) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Runs {@code t} with no monitor and wraps its snapshot. */
    public static TaskResult run(PointTask t) {
        long[] events = new long[1];
        Snapshot s = t.run(new org.iommusim.scenarios.model.Assembly.Monitor() {
            @Override
            public boolean cancelled() {
                return false;
            }

            @Override
            public void progressed(long simulatedPs, long n) {
                events[0] += n;
            }
        });
        return new TaskResult(t.task(), encode(s), events[0]);
    }

    /** The snapshot as a one-replication stats.json text. */
    public static String encode(Snapshot s) {
        return ResultsJson.toJson(ResultsDocument.of("task", 0,
                List.of(new VariantResult("task", Map.of(), Map.of(), List.of(new Replication(0, 0, s))))));
    }

    /** Reads back what {@link #encode} wrote. */
    public static Snapshot decode(String text) {
        return ResultsJson.fromJson(text).variants().get(0).replications().get(0).snapshot();
    }
}
