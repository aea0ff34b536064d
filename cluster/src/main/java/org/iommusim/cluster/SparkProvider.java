package org.iommusim.cluster;

import org.iommusim.scenarios.runner.TaskExecutor;

/** Registers {@code spark} as a {@link TaskExecutor} kind (found through META-INF/services). */
public final class SparkProvider implements TaskExecutor.Provider {
    @Override
    public String kind() {
        return "spark";
    }

    @Override
    public TaskExecutor open(String target) {
        return new SparkTaskExecutor(SparkMaster.parse(target));
    }
}
