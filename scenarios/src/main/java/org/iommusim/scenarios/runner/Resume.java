package org.iommusim.scenarios.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.iommusim.core.input.UserInputException;
import org.iommusim.core.results.Replication;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.ResultsJson;
import org.iommusim.core.results.Snapshot;
import org.iommusim.core.results.VariantResult;
import org.iommusim.scenarios.model.ScenarioModel;

/**
 * The replications an earlier run of the same scenario already finished, read from its results
 * folder (typically {@code results/NAME-interrupted}) so that {@code --resume DIR} runs only the
 * rest. The folder must have been written for the same effective configuration (scenario, sets,
 * seed: its {@code config.effective.yaml} equals this run's), its variants must be points of
 * this plan with the same overrides, and each kept replication's seed must match. The folder is
 * only read; the completed results go to a new output folder as usual.
 */
public final class Resume {
    private Resume() {
    }

    /** Finished snapshots per plan point and replication index (null where not finished). */
    public static Snapshot[][] load(Path dir, Prepared p) {
        Path stats = dir.resolve("stats.json");
        Path config = dir.resolve("config.effective.yaml");
        if (!Files.isRegularFile(stats) || !Files.isRegularFile(config)) {
            throw new UserInputException("--resume " + dir + ": not a results folder (it needs stats.json and"
                    + " config.effective.yaml); give the folder of an earlier run of the same scenario, e.g. results/"
                    + p.name() + "-interrupted");
        }
        ResultsDocument doc;
        try {
            if (!Files.readString(config).equals(ResultFiles.effectiveConfig(p))) {
                throw new UserInputException("--resume " + dir + ": that run had a different configuration (its"
                        + " config.effective.yaml differs from this one); resume with the same scenario, --set and"
                        + " --seed");
            }
            doc = ResultsJson.read(stats);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserInputException("--resume " + dir + ": cannot read its results: " + e.getMessage());
        }
        if (!doc.scenario().equals(p.name())) {
            throw new UserInputException("--resume " + dir + ": it holds scenario '" + doc.scenario() + "', not '"
                    + p.name() + "'");
        }
        Snapshot[][] done = new Snapshot[p.models().size()][];
        for (int v = 0; v < done.length; v++) {
            done[v] = new Snapshot[p.models().get(v).scenario().replications()];
        }
        for (VariantResult r : doc.variants()) {
            int v = pointIndex(p, r, dir);
            ScenarioModel m = p.models().get(v);
            for (Replication rep : r.replications()) {
                if (rep.index() >= done[v].length || rep.seed() != m.scenario().seed()) {
                    throw new UserInputException("--resume " + dir + ": variant '" + r.name() + "' replication "
                            + rep.index() + " does not belong to this run (seed " + rep.seed() + ", this run has "
                            + done[v].length + " replications with seed " + m.scenario().seed() + ")");
                }
                done[v][rep.index()] = rep.snapshot();
            }
        }
        return done;
    }

    /** How many replications {@code done} holds. */
    public static int count(Snapshot[][] done) {
        int n = 0;
        for (Snapshot[] v : done) {
            for (Snapshot s : v) {
                n += s == null ? 0 : 1;
            }
        }
        return n;
    }

    private static int pointIndex(Prepared p, VariantResult r, Path dir) {
        for (int v = 0; v < p.plan().points().size(); v++) {
            Plan.Point point = p.plan().points().get(v);
            if (point.name().equals(r.name())) {
                if (!point.overrides().equals(r.overrides())) {
                    throw new UserInputException("--resume " + dir + ": variant '" + r.name() + "' has overrides "
                            + r.overrides() + " there but " + point.overrides() + " here");
                }
                return v;
            }
        }
        throw new UserInputException("--resume " + dir + ": variant '" + r.name() + "' is not a point of this"
                + " scenario's plan");
    }
}
