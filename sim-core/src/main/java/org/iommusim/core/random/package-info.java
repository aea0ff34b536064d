/**
 * Randomness for a run: named streams derived from one recorded master seed
 * ({@link org.iommusim.core.random.RandomStreams}), and the distributions models draw from
 * (exponential, uniform, deterministic, Zipf, empirical — inline or from a CSV file — and
 * lognormal; Apache Commons Math behind the small {@link org.iommusim.core.random.Distribution}
 * interface), created by config name through {@link org.iommusim.core.random.DistributionRegistry},
 * and {@link org.iommusim.core.random.Delay}, a model duration that is fixed (the default, no
 * draw) or drawn per use from its own stream.
 *
 * <p>Nothing here uses {@code Math.random()} or an unseeded generator; there is no static mutable
 * state. Replication k draws from "substream" k of every stream, so variants compared under the
 * same seed and replication see the same random numbers.
 */
package org.iommusim.core.random;
