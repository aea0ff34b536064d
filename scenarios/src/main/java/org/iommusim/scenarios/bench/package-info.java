/**
 * Everything {@code iommusim bench} runs, in one place (the JMH micro-benchmarks are the
 * {@code benchmarks} module's, built only with {@code -Pjmh}). Figures, never pass/fail tests.
 *
 * <ul>
 *   <li>{@code bench kernel} ({@link org.iommusim.scenarios.bench.KernelBench}): M/M/1 and hold
 *       models on the event kernel against a primitive-heap baseline run in the same process.</li>
 *   <li>{@code bench translate} ({@link org.iommusim.scenarios.bench.TranslateBench}): the
 *       functional page walkers, walks per second on populated tables and heap per mapped
 *       page.</li>
 *   <li>{@code bench model} ({@link org.iommusim.scenarios.bench.ModelBench}): fixed scenarios
 *       (YAML resources under {@code /iommusim/bench/}) run through the complete assembly —
 *       devices, IOTLB, walkers, memory model, statistics — measured in simulated page
 *       translations and kernel events per wall-clock second, allocation and heap, next to a
 *       same-run kernel yardstick.</li>
 *   <li>{@code bench merge} ({@link org.iommusim.scenarios.bench.MergeBench}): what a cluster run
 *       costs the driver (preparing, shipping, decoding and merging a sampled sweep's results).</li>
 * </ul>
 */
package org.iommusim.scenarios.bench;
