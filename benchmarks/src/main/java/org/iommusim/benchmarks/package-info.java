/**
 * JMH micro-benchmarks of the simulator's hot structures: the event kernel's future-event set
 * ({@link org.iommusim.benchmarks.EventQueueBench}), the IOTLB
 * ({@link org.iommusim.benchmarks.IotlbBench}) and the functional page walkers
 * ({@link org.iommusim.benchmarks.PageWalkBench}).
 *
 * <p>This module is not part of the default build (nor of CI): it is built only with the
 * {@code jmh} profile, {@code mvn -B -Pjmh -pl benchmarks -am package -DskipTests}, which
 * produces {@code benchmarks/target/benchmarks.jar}; run it with
 * {@code java -jar benchmarks/target/benchmarks.jar} (JMH options such as {@code -f 1 -wi 3 -i 5}
 * or a name regex may follow). Method, settings and measured figures: {@code docs/PERFORMANCE.md}.
 *
 * <p>Every input that is random is precomputed in a {@code @Setup} method (a fixed seed), so
 * the measured loop does the structure's work and reads one array element, nothing more. The
 * forks run with {@code -XX:+UseParallelGC}, the launcher's default collector (see
 * {@code docs/PERFORMANCE.md}: G1's write barrier alone costs the event heap a third).
 */
package org.iommusim.benchmarks;
