package org.iommusim.hw.iommu.control;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.core.stats.TimeWeighted;
import org.iommusim.hw.ioasid.Invalidation;

/**
 * The host's lazy-unmap flush queue (Linux {@code dma-iommu.c}'s IOVA flush queue) of a
 * {@link TimedControlPlane}: deferred invalidations and the table pages their unmaps freed, drained
 * — descriptors plus one wait to the invalidation queue — when it holds the policy's batch or
 * the policy's timeout after its oldest entry. The freed tables become reusable when the drain's
 * wait completes. Does not model: one queue per CPU (one for the host), the drain's CPU time
 * (timer context, free). Statistics: {@code <prefix>.flush-queue.flushes} and
 * {@code <prefix>.flush-queue.length}.
 */
final class FlushQueue {
    private static final Runnable NOTHING = () -> { };

    private final TimedControlPlane tcp;
    private final List<Invalidation> queue = new ArrayList<>();
    /** Table pages the deferred unmaps freed: reusable after the drain's wait. */
    private LongArrayList tables = new LongArrayList();
    private final Counter flushes;
    private final TimeWeighted length;
    private final Event timer = Event.of(this::flush);

    FlushQueue(TimedControlPlane tcp, StatsRegistry registry, String prefix) {
        this.tcp = tcp;
        this.flushes = registry.counter(prefix + ".flush-queue.flushes", "flushes",
                "lazy-unmap flush-queue drains (batch full or timeout)");
        this.length = registry.timeWeighted(prefix + ".flush-queue.length", "invalidations",
                "invalidations deferred in the flush queue, time-weighted");
    }

    /** Defers {@code invs} and the table pages their unmap freed; drains when the batch is full. */
    void defer(List<Invalidation> invs, LongArrayList freedTables) {
        if (queue.isEmpty() && tcp.policy.flushTimeoutPs() > 0) {
            tcp.sim.schedule(timer, tcp.policy.flushTimeoutPs());
        }
        queue.addAll(invs);
        tables.addAll(freedTables);
        length.set(queue.size());
        if (queue.size() >= tcp.policy.batchSize()) {
            flush();
        }
    }

    /** Drains the queue: its descriptors and one wait go to the invalidation queue. */
    void flush() {
        tcp.sim.cancel(timer);
        if (queue.isEmpty()) {
            return;
        }
        flushes.increment();
        if (tables.isEmpty()) {
            tcp.submitter.submit(queue, NOTHING);
        } else {
            LongArrayList freed = tables;
            tables = new LongArrayList();
            tcp.submitter.submit(queue, () -> tcp.cp.releaseTablePages(freed));
        }
        queue.clear();
        length.set(0);
    }

    int size() {
        return queue.size();
    }
}
