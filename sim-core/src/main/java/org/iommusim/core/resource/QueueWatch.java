package org.iommusim.core.resource;

import java.util.function.LongSupplier;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.StatsRegistry;

/**
 * Watches one {@link FifoServer} for overload over the measured window {@code [from, to)}: it
 * samples the wait queue's length at each quarter of the window and registers, under
 * {@code watch.<resource>.}, {@code utilisation} (the server's), {@code queue-mid} and
 * {@code queue-end} (requests waiting at mid-window and at the end), {@code growing} (1 when the
 * queue grew through every quarter — each sample longer than the one before, the end included —
 * and ends with more requests waiting than the server has slots, else 0) and {@code refused}
 * (requests a full queue turned away, from {@code refused}; 0 without one).
 * {@link org.iommusim.core.results.RunWarnings} turns them into warnings. A run stopped before
 * its window ends (a DMA budget) has missing samples and never counts as growing.
 *
 * <p>Does not model anything; it observes. Allocates three events per replication.
 */
public final class QueueWatch {
    private final FifoServer server;
    private final long[] samples = {-1, -1, -1};

    public QueueWatch(Simulator sim, StatsRegistry stats, String resource, FifoServer server, long from, long to,
                      LongSupplier refused) {
        if (to <= from) {
            throw new IllegalArgumentException("watch window [" + from + ", " + to + ") is empty");
        }
        this.server = server;
        for (int k = 0; k < 3; k++) {
            int i = k;
            long at = from + (to - from) * (k + 1) / 4;
            sim.schedule(Event.of(() -> samples[i] = server.queueLength()), at - sim.now());
        }
        String p = "watch." + resource + ".";
        stats.derived(p + "utilisation", "ratio", resource + ": mean busy slots / slots (overload watch)",
                server::utilisation);
        stats.derived(p + "queue-mid", "requests", resource + ": requests waiting at mid-window",
                () -> samples[1] < 0 ? Double.NaN : samples[1]);
        stats.derived(p + "queue-end", "requests", resource + ": requests waiting at the end of the run",
                server::queueLength);
        stats.derived(p + "growing", "flag", resource + ": 1 if the wait queue grew through every quarter of the"
                + " measured window and ends longer than the slots, else 0", () -> growing() ? 1 : 0);
        stats.derived(p + "refused", "requests", resource + ": requests a full wait queue turned away",
                () -> refused == null ? 0 : refused.getAsLong());
    }

    /** The queue grew through every quarter of the window and ends longer than the server has slots. */
    public boolean growing() {
        long prev = -1;
        for (long s : samples) {
            if (s < 0 || s <= prev) {
                return false;
            }
            prev = s;
        }
        int end = server.queueLength();
        return end > prev && end > server.servers();
    }
}
