package org.iommusim.scenarios.model;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.iommusim.core.experiment.ModelFactory;
import org.iommusim.core.experiment.ReplicationContext;
import org.iommusim.core.results.Snapshot;
import org.iommusim.scenarios.config.EffectiveConfig;
import org.iommusim.scenarios.schema.Scenario;

/**
 * A loaded scenario (one variant) as a {@link ModelFactory}: every replication builds its own
 * {@link Assembly} and runs it. {@link #check()} builds replication 0's model without running
 * it, so every refusal of the hardware models (an impossible nesting, a cache shape with a
 * non-power-of-two set count, an overlapping map) is reported as located bad input before any
 * simulation starts. Thread-safe; replications share nothing. The one state it holds is the
 * model {@link #checkAndKeep} built, handed to the run that would have built the same one.
 */
public final class ScenarioModel implements ModelFactory {
    private final EffectiveConfig<Scenario> config;
    private final Path baseDir;
    private final Extensions extensions;
    /** Replication 0's first model, built by {@link #checkAndKeep} and taken by its run. */
    private final AtomicReference<Assembly> kept = new AtomicReference<>();

    public ScenarioModel(EffectiveConfig<Scenario> config, Path baseDir) {
        this(config, baseDir, Extensions.BUILT_IN);
    }

    /** A model built with {@code extensions}' presets and workload kinds (those its config was loaded with). */
    public ScenarioModel(EffectiveConfig<Scenario> config, Path baseDir, Extensions extensions) {
        this.config = config;
        this.baseDir = baseDir;
        this.extensions = extensions;
    }

    public Scenario scenario() {
        return config.value();
    }

    public EffectiveConfig<Scenario> config() {
        return config;
    }

    /** Builds (but does not run) one replication; throws a located ConfigException on bad input. */
    public void check() {
        firstOfReplicationZero();
    }

    /**
     * {@link #check()}, keeping the model it built: it is exactly the first model replication 0
     * builds (with the scenario's seed; its pilot with {@code warmup: auto}), so that replication
     * runs it instead of building it again. Building can cost as much as a short run (guest
     * tables of many pages). The kept model is taken by the first such run only.
     */
    public void checkAndKeep() {
        kept.set(firstOfReplicationZero());
    }

    /** Whether a model built by {@link #checkAndKeep} waits for its run. */
    boolean keepsAModel() {
        return kept.get() != null;
    }

    private Assembly firstOfReplicationZero() {
        Scenario s = config.value();
        return assembly(s.autoWarmup() ? s.withWarmup(0) : s, new ReplicationContext(s.seed(), 0));
    }

    @Override
    public Snapshot run(ReplicationContext context) {
        return run(context, Assembly.Monitor.NONE);
    }

    /** Runs one replication watched by {@code monitor}. */
    public Snapshot run(ReplicationContext context, Assembly.Monitor monitor) {
        return runMeasured(context, monitor).snapshot();
    }

    /** A replication's snapshot and the warm-up it ran (chosen by {@link WarmupChoice} with {@code warmup: auto}). */
    public record Measured(Snapshot snapshot, long warmupPs) {
    }

    /**
     * Runs one replication watched by {@code monitor}; with {@code warmup: auto} a pilot run of the
     * same replication chooses the warm-up first ({@link WarmupChoice}). A cancelled pilot returns
     * its partial snapshot.
     */
    public Measured runMeasured(ReplicationContext context, Assembly.Monitor monitor) {
        Scenario s = config.value();
        long warmup = s.warmup();
        Assembly first = context.index() == 0 && context.masterSeed() == s.seed() ? kept.getAndSet(null) : null;
        if (s.autoWarmup()) {
            Snapshot pilot = (first != null ? first : assembly(s.withWarmup(0), context)).run(monitor);
            first = null; // the measured run builds its own model, with the chosen warm-up
            if (monitor.cancelled()) {
                return new Measured(pilot, 0);
            }
            warmup = WarmupChoice.of(pilot);
        }
        return new Measured((first != null ? first : assembly(s.withWarmup(warmup), context)).run(monitor), warmup);
    }

    private Assembly assembly(Scenario s, ReplicationContext context) {
        return new Assembly(s, baseDir, new Located(config), context.masterSeed(), context.index(), extensions);
    }
}
