/**
 * {@code bench model}: whole-model benchmarks. Fixed scenarios (YAML resources under
 * {@code /iommusim/bench/}) run through the complete assembly — devices, IOTLB, walkers, memory
 * model, statistics — and are measured in simulated page translations and kernel events per
 * wall-clock second, allocation and heap, next to a same-run kernel yardstick. Figures, never
 * pass/fail tests.
 */
package org.iommusim.scenarios.bench;
