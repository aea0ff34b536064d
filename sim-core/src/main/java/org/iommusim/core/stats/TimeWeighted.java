package org.iommusim.core.stats;

import java.util.function.LongSupplier;
import org.iommusim.core.results.StatValue;

/**
 * A level held over simulated time (queue length, busy servers, entries in flight): the
 * time-weighted mean over the observation window, the maximum and the current value. The
 * window starts at construction or at the last {@link #reset()}.
 */
public final class TimeWeighted extends AbstractStatistic {
    private final LongSupplier clock;
    private double current;
    private double max;
    private double area;
    private long lastChange;
    private long windowStart;

    TimeWeighted(String name, String unit, String description, LongSupplier clock) {
        super(name, unit, description);
        this.clock = clock;
        this.lastChange = clock.getAsLong();
        this.windowStart = lastChange;
    }

    /** Sets the level from now on. */
    public void set(double value) {
        long now = clock.getAsLong();
        area += current * (now - lastChange);
        lastChange = now;
        current = value;
        if (value > max) {
            max = value;
        }
    }

    /** Adds {@code delta} to the level from now on. */
    public void add(double delta) {
        set(current + delta);
    }

    public double current() {
        return current;
    }

    /** Time-weighted mean over the window up to now; the current level if no time has passed. */
    public double mean() {
        long now = clock.getAsLong();
        long span = now - windowStart;
        return span == 0 ? current : (area + current * (now - lastChange)) / span;
    }

    public double max() {
        return max;
    }

    /** Start of the observation window: construction or the last {@link #reset()}, in ps. */
    public long windowStart() {
        return windowStart;
    }

    @Override
    public StatKind kind() {
        return StatKind.TIME_WEIGHTED;
    }

    @Override
    public void reset() {
        long now = clock.getAsLong();
        area = 0;
        lastChange = now;
        windowStart = now;
        max = current;
    }

    @Override
    public StatValue snapshot() {
        return StatValue.builder(name(), kind(), unit(), description())
                .field("mean", mean()).field("max", max).field("current", current).build();
    }
}
