/**
 * Benchmarks of the event kernel ({@code iommusim bench kernel}): M/M/1 and hold models on
 * the {@link org.iommusim.core.kernel.Simulator} against a primitive-heap baseline run in the
 * same process. Figures, never timed tests.
 */
package org.iommusim.core.bench;
