package org.iommusim.scenarios.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.ResultsJson;
import org.iommusim.core.results.Snapshot;
import org.iommusim.scenarios.runner.PointTask;
import org.iommusim.scenarios.runner.Prepared;
import org.iommusim.scenarios.runner.Runner;
import org.iommusim.scenarios.runner.ScenarioSource;
import org.iommusim.scenarios.runner.TaskResult;

/**
 * {@code bench merge}: what a cluster run costs the driver, on a sampled sweep of {@code points}
 * points (one replication each): preparing and checking every point, the bytes of one shipped
 * task and one returned result, and decoding {@code points} results, placing and merging them
 * into the results document and writing {@code stats.json}. One real run supplies the snapshot
 * that every point's result repeats (the cost depends on the number and size of results, not
 * on their values).
 */
public final class MergeBench {
    private static final String SCENARIO = """
            # bench merge: a small DMA scenario sampled over IOTLB size and queue depth
            name: merge-bench
            duration: 20us
            warmup: 1us
            replications: 1
            ioasids:
              - name: host
                maps:
                  - {iova: 256MiB, pa: 256GiB, bytes: 16MiB}
            devices:
              - name: dev0
                kind: dma
                ioasid: host
                dma: {span: 1MiB, requestBytes: 64B}
            sweep:
              sample:
                points: %d
                seed: 1
                ranges:
                  - {key: iommu.iotlb.entries, min: 16, max: 4096, scale: log, round: power-of-two}
                  - {key: devices.dev0.dma.queueDepth, min: 1, max: 16, round: integer}
            """;

    private MergeBench() {
    }

    /** The driver-side figures. */
    public record Figures(int points, double prepareSeconds, int taskBytes, int resultBytes, double decodeSeconds,
                          double mergeSeconds, double writeSeconds, long statsJsonBytes) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, """
                    points                       %d
                    prepare + check (driver)     %.2f s  (%.2f ms/point)
                    task shipped (serialized)    %d B
                    result returned (serialized) %d B
                    decode all results           %.2f s  (%.1f us/result)
                    place + merge (summaries)    %.2f s
                    stats.json text              %.2f s  (%d MB)""", points, prepareSeconds,
                    prepareSeconds * 1e3 / points, taskBytes, resultBytes, decodeSeconds, decodeSeconds * 1e6 / points,
                    mergeSeconds, writeSeconds, statsJsonBytes >> 20);
        }
    }

    public static Figures run(int points, int jobs) {
        long t0 = System.nanoTime();
        Prepared p = Prepared.of(new ScenarioSource(String.format(SCENARIO, points), "merge-bench.yaml", Path.of("."),
                "merge-bench"), List.of(), jobs);
        long t1 = System.nanoTime();
        List<PointTask> tasks = PointTask.of(p, null);
        TaskResult one = TaskResult.run(tasks.get(0));
        int taskBytes = serialized(tasks.get(tasks.size() / 2));
        int resultBytes = serialized(one);
        long t2 = System.nanoTime();
        Snapshot[][] snapshots = new Snapshot[p.models().size()][1];
        for (PointTask t : tasks) {
            snapshots[t.variant()][t.replication()] = TaskResult.decode(one.snapshot());
        }
        long t3 = System.nanoTime();
        ResultsDocument doc = Runner.merge(p, snapshots);
        long t4 = System.nanoTime();
        CountingWriter counter = new CountingWriter();
        try {
            ResultsJson.write(doc, counter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long jsonBytes = counter.chars;
        long t5 = System.nanoTime();
        return new Figures(points, (t1 - t0) / 1e9, taskBytes, resultBytes, (t3 - t2) / 1e9, (t4 - t3) / 1e9,
                (t5 - t4) / 1e9, jsonBytes);
    }

    /** Counts characters (stats.json is ASCII apart from names) instead of keeping a gigabyte string. */
    private static final class CountingWriter extends java.io.Writer {
        long chars;

        @Override
        public void write(char[] buf, int off, int len) {
            chars += len;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static int serialized(Object o) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.size();
    }
}
