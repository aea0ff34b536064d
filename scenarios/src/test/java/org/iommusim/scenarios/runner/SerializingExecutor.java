package org.iommusim.scenarios.runner;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link TaskExecutor} that does what a cluster engine does to tasks and results — Java
 * serialization both ways — and runs them on the calling thread in reverse order, so a test
 * sees whether anything depends on this JVM's objects or on completion order.
 */
final class SerializingExecutor implements TaskExecutor {
    long bytesOut;
    long bytesBack;
    private volatile boolean cancelled;

    @Override
    public String describe() {
        return "serializing";
    }

    @Override
    public void execute(List<PointTask> tasks, Consumer<TaskResult> finished) {
        List<PointTask> reversed = new ArrayList<>(tasks);
        Collections.reverse(reversed);
        for (PointTask t : reversed) {
            if (cancelled) {
                return;
            }
            byte[] out = serialize(t);
            bytesOut += out.length;
            TaskResult r = TaskResult.run((PointTask) deserialize(out));
            byte[] back = serialize(r);
            bytesBack += back.length;
            finished.accept((TaskResult) deserialize(back));
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public void close() {
        cancel();
    }

    static byte[] serialize(Object o) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    static Object deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
