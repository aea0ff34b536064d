package org.iommusim.scenarios.runner;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.iommusim.core.results.Replication;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.ResultsJson;
import org.iommusim.core.results.Snapshot;
import org.iommusim.core.results.VariantResult;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What a remote {@link PointTask} sends back: its task number, the snapshot as the text
 * {@code stats.json} would hold for it (a one-replication results document, so kinds, units and
 * descriptions travel with the values) compressed with DEFLATE (gzip; about a tenth of the
 * text), and the events the run executed. The encoding is {@link ResultsJson}'s, whose numbers
 * read back to the same doubles, so the merged {@code stats.json} is byte-identical to a local
 * run's.
 *
 * @param task     the task's position in the task list
 * @param snapshot the snapshot encoded by {@link #encode}
 * @param events   events executed by the run
 */
public record TaskResult(int task, byte[] snapshot, long events) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Runs {@code t} with no monitor and wraps its snapshot. */
    public static TaskResult run(PointTask t) {
        long[] events = new long[1];
        Snapshot s = t.run(new org.iommusim.scenarios.model.Assembly.Monitor() {
            @Override
            public boolean cancelled() {
                return false;
            }

            @Override
            public void progressed(long simulatedPs, long n) {
                events[0] += n;
            }
        });
        return new TaskResult(t.task(), encode(s), events[0]);
    }

    /** The snapshot as a gzipped one-replication stats.json text. */
    public static byte[] encode(Snapshot s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(bytes), StandardCharsets.UTF_8)) {
            ResultsJson.write(ResultsDocument.of("task", 0,
                    List.of(new VariantResult("task", Map.of(), Map.of(), List.of(new Replication(0, 0, s))))), w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads back what {@link #encode} wrote. */
    public static Snapshot decode(byte[] encoded) {
        try (Reader r = new InputStreamReader(new GZIPInputStream(new ByteArrayInputStream(encoded)),
                StandardCharsets.UTF_8)) {
            return ResultsJson.read(r).variants().get(0).replications().get(0).snapshot();
        } catch (IOException e) {
            throw new UncheckedIOException("a task result does not decode", e);
        }
    }
}
