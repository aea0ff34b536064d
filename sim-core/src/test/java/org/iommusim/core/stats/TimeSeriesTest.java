package org.iommusim.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.results.StatValue;
import org.junit.jupiter.api.Test;

class TimeSeriesTest {
    @Test
    void startSampling_samplesEveryPeriod_afterSameInstantEvents() {
        Simulator sim = new Simulator();
        StatsRegistry reg = new StatsRegistry(sim);
        Counter c = reg.counter("walks", "walks", "Walks");
        TimeSeries s = reg.timeSeries("walks.series", "walks", "Walks so far, sampled", c::get);
        reg.startSampling(10);
        for (long t = 10; t <= 50; t += 10) {
            sim.scheduleAt(Event.of(c::increment), t);   // same instants as the samples
        }
        sim.runUntil(55);
        StatValue v = s.snapshot();
        assertThat(v.seriesTimes()).containsExactly(10, 20, 30, 40, 50);
        // the sampler has the lowest priority, so each sample sees that instant's increment
        assertThat(v.seriesValues()).containsExactly(1, 2, 3, 4, 5);
        assertThat(v.fields()).containsEntry("mean", 3.0).containsEntry("samples", 5.0);
        assertThat(v.kind()).isEqualTo(StatKind.TIME_SERIES);
    }

    @Test
    void stopSampling_emptyQueueEndsRun() {
        Simulator sim = new Simulator();
        StatsRegistry reg = new StatsRegistry(sim);
        TimeSeries s = reg.timeSeries("x", "1", "d", () -> 1);
        reg.startSampling(10);
        sim.runUntil(25);
        reg.stopSampling();
        sim.run();
        assertThat(s.size()).isEqualTo(2);
        assertThat(sim.pending()).isZero();
    }

    @Test
    void startSamplingAgain_replacesPeriod() {
        Simulator sim = new Simulator();
        StatsRegistry reg = new StatsRegistry(sim);
        TimeSeries s = reg.timeSeries("x", "1", "d", () -> 1);
        reg.startSampling(10);
        reg.startSampling(25);
        sim.runUntil(100);
        assertThat(s.snapshot().seriesTimes()).containsExactly(25, 50, 75, 100);
    }

    @Test
    void reset_dropsSamples_growsPastInitialCapacity() {
        Simulator sim = new Simulator();
        StatsRegistry reg = new StatsRegistry(sim);
        TimeSeries s = reg.timeSeries("x", "1", "d", sim::now);
        reg.startSampling(1);
        sim.runUntil(200);
        assertThat(s.size()).isEqualTo(200);
        assertThat(s.snapshot().seriesValues()[199]).isEqualTo(200.0);
        reg.reset();
        assertThat(s.size()).isZero();
        assertThat(s.snapshot().field("mean")).isNaN();
    }

    @Test
    void startSampling_nonPositivePeriod_rejected() {
        StatsRegistry reg = new StatsRegistry(new Simulator());
        assertThatThrownBy(() -> reg.startSampling(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
