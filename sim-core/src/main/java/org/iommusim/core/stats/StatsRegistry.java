package org.iommusim.core.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.results.Snapshot;
import org.iommusim.core.results.StatValue;

/**
 * Where a run's statistics are declared, each once, with a hierarchical name, unit and
 * description. Components declare their statistics at construction and keep the returned
 * objects for the hot path; the registry resets them all at the end of warm-up and renders
 * them into an immutable {@link Snapshot} sorted by name, so output order never depends on
 * construction order.
 */
public final class StatsRegistry {
    private final Simulator sim;
    private final Map<String, Statistic> byName = new LinkedHashMap<>();
    private final List<TimeSeries> series = new ArrayList<>();
    private SamplerEvent sampler;
    /** Busy histograms that may have dense counts (see {@link #grantDenseCounts}). */
    static final int DENSE_HISTOGRAMS = 32;
    private int denseGranted;

    public StatsRegistry(Simulator sim) {
        this.sim = sim;
    }

    public Counter counter(String name, String unit, String description) {
        return register(new Counter(name, unit, description));
    }

    public Tally tally(String name, String unit, String description) {
        return register(new Tally(name, unit, description));
    }

    public LatencyHistogram histogram(String name, String unit, String description) {
        return register(new LatencyHistogram(name, unit, description, this::grantDenseCounts));
    }

    /**
     * Whether one more busy histogram may have {@link DenseCounts} (50 KiB each): the first
     * {@value #DENSE_HISTOGRAMS} to ask get them, so a run with thousands of per-device histograms
     * adds at most ~1.6 MiB. Which ones get them changes speed only, never a figure.
     */
    private boolean grantDenseCounts() {
        if (denseGranted == DENSE_HISTOGRAMS) {
            return false;
        }
        denseGranted++;
        return true;
    }

    /**
     * A histogram reporting the merged observations of {@code parts} (same unit) whenever it is
     * read; it records nothing itself and its reset is a no-op beyond the parts' own.
     */
    public LatencyHistogram histogramSum(String name, String unit, String description, List<LatencyHistogram> parts) {
        return register(new LatencyHistogram(name, unit, description, parts));
    }

    public TimeWeighted timeWeighted(String name, String unit, String description) {
        return register(new TimeWeighted(name, unit, description, sim::now));
    }

    public Derived derived(String name, String unit, String description, DoubleSupplier formula) {
        return register(new Derived(name, unit, description, formula));
    }

    /** A series sampled from {@code source} every sampling period (see {@link #startSampling(long)}). */
    public TimeSeries timeSeries(String name, String unit, String description, DoubleSupplier source) {
        TimeSeries s = register(new TimeSeries(name, unit, description, sim::now, source));
        series.add(s);
        return s;
    }

    /** Samples every time series every {@code period} picoseconds from now on. */
    public void startSampling(long period) {
        if (period <= 0) {
            throw new IllegalArgumentException("sampling period must be positive, got " + period + "ps");
        }
        if (sampler != null) {
            sim.cancel(sampler);
        }
        sampler = new SamplerEvent(period);
        sim.schedule(sampler, period, Simulator.MAX_PRIORITY);
    }

    /** Stops periodic sampling, so an otherwise empty event queue lets the run end. */
    public void stopSampling() {
        if (sampler != null) {
            sim.cancel(sampler);
            sampler = null;
        }
    }

    /**
     * Schedules the end of warm-up: at {@code warmup} picoseconds from now every statistic is
     * reset, before any other event of that instant (highest priority), so what happens at the
     * boundary counts in the measured window.
     */
    public void resetAfter(long warmup) {
        sim.schedule(Event.of(this::reset), warmup, Simulator.MIN_PRIORITY);
    }

    /** Resets every statistic: the end of warm-up. */
    public void reset() {
        for (Statistic s : byName.values()) {
            s.reset();
        }
    }

    public Statistic get(String name) {
        return byName.get(name);
    }

    public List<Statistic> all() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    /** An immutable snapshot of every statistic, sorted by name. */
    public Snapshot snapshot() {
        List<StatValue> values = new ArrayList<>(byName.size());
        for (Statistic s : byName.values()) {
            values.add(s.snapshot());
        }
        return Snapshot.of(sim.now(), values);
    }

    private <T extends Statistic> T register(T stat) {
        Statistic previous = byName.putIfAbsent(stat.name(), stat);
        if (previous != null) {
            throw new IllegalArgumentException("statistic '" + stat.name() + "' is declared twice");
        }
        return stat;
    }

    private final class SamplerEvent extends Event {
        private final long period;

        SamplerEvent(long period) {
            this.period = period;
        }

        @Override
        public void fire() {
            for (int i = 0; i < series.size(); i++) {
                series.get(i).sample();
            }
            sim.schedule(this, period, Simulator.MAX_PRIORITY);
        }
    }
}
