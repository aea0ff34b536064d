/**
 * Running a scenario: where it comes from ({@link org.iommusim.scenarios.runner.ScenarioSource}),
 * what runs ({@link org.iommusim.scenarios.runner.Plan}: variants × sweep points, including the
 * sampled {@link org.iommusim.scenarios.runner.LatinHypercube} design), checking everything first
 * ({@link org.iommusim.scenarios.runner.Prepared}), running replications on local threads or on
 * a cluster engine through {@link org.iommusim.scenarios.runner.TaskExecutor} (tasks and results
 * that can be shipped: {@link org.iommusim.scenarios.runner.PointTask},
 * {@link org.iommusim.scenarios.runner.TaskResult}) and merging them in one place
 * ({@link org.iommusim.scenarios.runner.Runner#merge}), resuming from an earlier run's folder
 * ({@link org.iommusim.scenarios.runner.Resume}), progress, and writing the output folder.
 */
package org.iommusim.scenarios.runner;
