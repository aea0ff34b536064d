/**
 * Experiments: R independent replications of a model
 * ({@link org.iommusim.core.experiment.Experiment} over a
 * {@link org.iommusim.core.experiment.ModelFactory}), replication k seeded by
 * {@link org.iommusim.core.experiment.ReplicationContext}(master seed, k), optionally on a
 * bounded thread pool with results ordered by index; and their summary across replications
 * ({@link org.iommusim.core.experiment.Summaries}: mean and Student-t 95%
 * {@link org.iommusim.core.experiment.ConfidenceInterval} of every scalar statistic); steady
 * state and run length: {@link org.iommusim.core.experiment.Mser} (MSER-5 warm-up truncation
 * of a run's own time series) and {@link org.iommusim.core.experiment.PrecisionRule}
 * (replications until the 95 % CI half-width is within a target, or a cap). The
 * results themselves are {@code org.iommusim.core.results} records.
 */
package org.iommusim.core.experiment;
