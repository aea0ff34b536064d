package org.iommusim.scenarios.runner;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.iommusim.core.experiment.ReplicationContext;
import org.iommusim.core.results.Snapshot;
import org.iommusim.scenarios.config.EffectiveConfig;
import org.iommusim.scenarios.model.Assembly;
import org.iommusim.scenarios.model.ScenarioModel;
import org.iommusim.scenarios.schema.Scenario;
import org.iommusim.scenarios.model.ScenarioSchema;

/**
 * One run — one replication of one plan point — described so that it can be shipped to another
 * JVM and run there: the scenario's text and the arguments that select the point (a
 * {@link Spec}), the replication index, and where the result goes in the plan ({@code variant},
 * {@code replication}). {@link #run} rebuilds the point's model exactly as {@link Prepared} does
 * and runs it with the same seed and substream, so the snapshot equals a local run's. Serializable
 * (Java serialization, as Spark ships tasks); a few KB plus the scenario text.
 *
 * @param task        position in the task list (results come back under it)
 * @param variant     plan point index, where the snapshot is placed
 * @param replication replication index (the random substream)
 * @param name        the plan point's name, for messages
 * @param spec        how to build the point's model
 */
public record PointTask(int task, int variant, int replication, String name, Spec spec) implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Loaded scenarios by spec minus point, so one JVM parses a scenario once for all its tasks. */
    private static final Map<Spec, Loaded> LOADED = new ConcurrentHashMap<>();
    private static final int LOADED_MAX = 16;
    /** Built point models (a model holds only its configuration; runs build their own state). */
    private static final Map<Spec, ScenarioModel> MODELS = new ConcurrentHashMap<>();
    private static final int MODELS_MAX = 1024;

    /**
     * A plan point's recipe: scenario text, the name it is reported under, the directory its
     * relative paths resolve against, the {@code --set} arguments, and the point's index in the
     * plan of that scenario.
     */
    public record Spec(String text, String sourceName, String baseDir, List<String> sets, int point)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        public Spec {
            sets = new ArrayList<>(sets); // an ArrayList serializes everywhere
        }

        static Spec of(ScenarioSource source, List<String> sets, int point) {
            return new Spec(source.text(), source.sourceName(), source.baseDir().toString(), sets, point);
        }

        ScenarioSource source() {
            return new ScenarioSource(text, sourceName, Path.of(baseDir), sourceName);
        }

        Spec scenarioOnly() {
            return new Spec(text, sourceName, baseDir, sets, -1);
        }
    }

    private record Loaded(EffectiveConfig<Scenario> base, Plan plan) {
    }

    /** One task per replication of every plan point of {@code p}, variant-major, skipping {@code done} ones. */
    public static List<PointTask> of(Prepared p, Snapshot[][] done) {
        List<PointTask> tasks = new ArrayList<>();
        for (int v = 0; v < p.models().size(); v++) {
            for (int k = 0; k < p.models().get(v).scenario().replications(); k++) {
                if (done == null || done[v][k] == null) {
                    tasks.add(new PointTask(tasks.size(), v, k, p.plan().points().get(v).name(), p.specs().get(v)));
                }
            }
        }
        return tasks;
    }

    /** The model this task runs (built from its spec; cached in this JVM for the point's other replications). */
    public ScenarioModel model() {
        ScenarioModel cached = MODELS.get(spec);
        if (cached != null) {
            return cached;
        }
        Spec key = spec.scenarioOnly();
        Loaded l = LOADED.get(key);
        if (l == null) {
            EffectiveConfig<Scenario> base = ScenarioSchema.loader().load(spec.text(), spec.sourceName(), spec.sets());
            l = new Loaded(base, Plan.of(base));
            if (LOADED.size() >= LOADED_MAX) {
                LOADED.clear();
            }
            LOADED.put(key, l);
        }
        ScenarioModel m = Prepared.pointModel(spec.source(), l.base(), l.plan().points().get(spec.point()), spec.sets());
        if (MODELS.size() >= MODELS_MAX) {
            MODELS.clear();
        }
        MODELS.put(spec, m);
        return m;
    }

    /** Runs the replication; a failure names the point and replication. */
    public Snapshot run(Assembly.Monitor monitor) {
        try {
            ScenarioModel m = model();
            return m.run(new ReplicationContext(m.scenario().seed(), replication), monitor);
        } catch (RuntimeException e) {
            throw new IllegalStateException(describe() + " failed: " + e, e);
        }
    }

    /** "point 'NAME' replication K" for messages. */
    public String describe() {
        return "point '" + name + "' replication " + replication;
    }
}
