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
 * @param targetPerS translations per CPU-second of the simulation thread to reach, issue 20's
 *                   targets (0: no target)
 * @param yaml       the scenario text, or null for the resource
 */
public record ModelWorkload(String name, String what, double targetPerS, String yaml) {
    /** The three workloads, in the order they are reported. */
    public static final List<ModelWorkload> ALL = List.of(
            new ModelWorkload("iotlb-hit", "(a) IOTLB-hit dominated: 64 KiB reads over 512 cached pages", 25e6, null),
            new ModelWorkload("nested-miss", "(b) hardware-nested 2D misses, caches cold-ish", 3e6, null),
            new ModelWorkload("shadow-churn", "(c) software shadow, heavy invalidation and parent churn", 4e6,
                    null));

    /**
     * The device-scaling workload: {@code devices} DMA engines (4 KiB reads, queue depth 4, each
     * over 64 MiB of one host-managed IOASID) for 40 ms / devices of simulated time (at least
     * 100 µs), so every size does a similar number of events; no target.
     */
    public static ModelWorkload devices(int devices) {
        if (devices < 1) {
            throw new IllegalArgumentException("devices must be >= 1");
        }
        StringBuilder b = new StringBuilder();
        b.append("name: devices-").append(devices).append('\n')
                .append("duration: ").append(Math.max(100_000_000L, 40_000_000_000L / devices)).append("ps\n")
                .append("warmup: 0ps\nreplications: 1\n")
                .append("ioasids:\n  - name: host\n    maps:\n      - {iova: 256MiB, pa: 256GiB, bytes: 256MiB}\n")
                .append("devices:\n");
        for (int i = 0; i < devices; i++) {
            b.append("  - {name: d").append(i).append(", kind: dma, ioasid: host, ")
                    .append("dma: {requestBytes: 4KiB, queueDepth: 4, span: 64MiB}}\n");
        }
        return new ModelWorkload("devices-" + devices, devices + " DMA engines on one IOASID", 0, b.toString());
    }

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
        if (yaml != null) {
            return yaml;
        }
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
