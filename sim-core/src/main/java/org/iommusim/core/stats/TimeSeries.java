package org.iommusim.core.stats;

import java.util.Arrays;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.iommusim.core.results.StatValue;

/**
 * A value sampled periodically over simulated time (hit ratio per interval, walks per second).
 * The registry's sampler calls {@link #sample()} every period; the series keeps (time, value)
 * pairs in primitive arrays. Its scalar field is the mean of the samples.
 */
public final class TimeSeries extends AbstractStatistic {
    private final LongSupplier clock;
    private final DoubleSupplier source;
    private long[] times = new long[64];
    private double[] values = new double[64];
    private int size;

    TimeSeries(String name, String unit, String description, LongSupplier clock, DoubleSupplier source) {
        super(name, unit, description);
        this.clock = clock;
        this.source = source;
    }

    /** Records the source's current value at the current time. */
    public void sample() {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        times[size] = clock.getAsLong();
        values[size] = source.getAsDouble();
        size++;
    }

    public int size() {
        return size;
    }

    @Override
    public StatKind kind() {
        return StatKind.TIME_SERIES;
    }

    @Override
    public void reset() {
        size = 0;
    }

    @Override
    public StatValue snapshot() {
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return StatValue.builder(name(), kind(), unit(), description())
                .field("mean", size == 0 ? Double.NaN : sum / size).field("samples", size)
                .series(Arrays.copyOf(times, size), Arrays.copyOf(values, size)).build();
    }
}
