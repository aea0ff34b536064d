package org.iommusim.core.stats;

import java.util.function.DoubleSupplier;
import org.iommusim.core.results.StatValue;

/**
 * A value computed from other statistics when a snapshot is taken, such as a hit ratio from
 * hit and miss counters. It has no state of its own, so reset does nothing: the statistics
 * it reads are reset themselves.
 */
public final class Derived extends AbstractStatistic {
    private final DoubleSupplier formula;

    Derived(String name, String unit, String description, DoubleSupplier formula) {
        super(name, unit, description);
        this.formula = formula;
    }

    public double get() {
        return formula.getAsDouble();
    }

    @Override
    public StatKind kind() {
        return StatKind.DERIVED;
    }

    @Override
    public void reset() {
        // Nothing to forget: the inputs are reset by the registry.
    }

    @Override
    public StatValue snapshot() {
        return StatValue.builder(name(), kind(), unit(), description()).field("value", get()).build();
    }
}
