package org.iommusim.scenarios.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * One fixed workload of {@code bench model}: a scenario shipped as the resource
 * {@code /iommusim/bench/<name>.yaml} and the translations-per-wall-second figure it should
 * reach on the project's machine class (issue 8). The scenarios have no warm-up in simulated
 * time (the bench warms the JIT with unmeasured rounds instead), so every translation of a
 * run is counted.
 *
 * @param name       the workload's name, also its resource's
 * @param what       one line for listings
 * @param targetPerS translations per wall-clock second to reach
 */
public record ModelWorkload(String name, String what, double targetPerS) {
    /** The three workloads, in the order they are reported. */
    public static final List<ModelWorkload> ALL = List.of(
            new ModelWorkload("iotlb-hit", "(a) IOTLB-hit dominated: 64 KiB reads over 512 cached pages", 3e6),
            new ModelWorkload("nested-miss", "(b) hardware-nested 2D misses, caches cold-ish", 1e6),
            new ModelWorkload("shadow-churn", "(c) software shadow, heavy invalidation and parent churn", 0.5e6));

    /** The workload named {@code name}, if any. */
    public static Optional<ModelWorkload> named(String name) {
        return ALL.stream().filter(w -> w.name.equals(name)).findFirst();
    }

    /** The resource path of the scenario. */
    public String resource() {
        return "/iommusim/bench/" + name + ".yaml";
    }

    /** The scenario's YAML text. */
    public String text() {
        try (InputStream in = ModelWorkload.class.getResourceAsStream(resource())) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + resource());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
