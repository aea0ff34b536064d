package org.iommusim.core.kernel;

/**
 * One lane of a {@link TimeBatch}: a FIFO ring of (event, time, order key) whose entries arrive in
 * (time, key) order, so its head is always its earliest. Grows by doubling and never shrinks, so
 * a lane allocates only when it first reaches a length it has not held before.
 */
final class TimeLane {
    private Event[] fifo = new Event[64];
    private long[] times = new long[64];
    private long[] keys = new long[64];
    private int head;
    int count;

    void push(Event e, long time, long key) {
        if (count == fifo.length) {
            grow();
        }
        int i = (head + count++) & (fifo.length - 1);
        fifo[i] = e;
        times[i] = time;
        keys[i] = key;
    }

    long headTime() {
        return times[head];
    }

    long headKey() {
        return keys[head];
    }

    long lastTime() {
        return times[(head + count - 1) & (fifo.length - 1)];
    }

    Event pop() {
        Event e = fifo[head];
        fifo[head] = null;
        head = (head + 1) & (fifo.length - 1);
        count--;
        return e;
    }

    private void grow() {
        int n = fifo.length;
        Event[] f = new Event[2 * n];
        long[] t = new long[2 * n];
        long[] k = new long[2 * n];
        for (int j = 0; j < count; j++) {
            int i = (head + j) & (n - 1);
            f[j] = fifo[i];
            t[j] = times[i];
            k[j] = keys[i];
        }
        fifo = f;
        times = t;
        keys = k;
        head = 0;
    }
}
