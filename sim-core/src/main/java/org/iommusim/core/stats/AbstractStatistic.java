package org.iommusim.core.stats;

import java.util.regex.Pattern;

/** Name, unit and description shared by every statistic; validates the name. */
abstract class AbstractStatistic implements Statistic {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*(\\.[a-z0-9][a-z0-9_-]*)*");

    private final String name;
    private final String unit;
    private final String description;

    AbstractStatistic(String name, String unit, String description) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("statistic name '" + name + "' must be dot-separated segments of"
                    + " lower-case letters, digits, '_' or '-' (kebab-case, e.g. iommu.walker.queue-length)");
        }
        if (unit == null || description == null || description.isBlank()) {
            throw new IllegalArgumentException("statistic '" + name + "' needs a unit and a description");
        }
        this.name = name;
        this.unit = unit;
        this.description = description;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String unit() {
        return unit;
    }

    @Override
    public final String description() {
        return description;
    }
}
