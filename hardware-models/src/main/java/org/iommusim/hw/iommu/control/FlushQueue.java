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
 * the policy's timeout after its oldest entry. The freed tables and the unmaps' IOVAs become
 * reusable when the drain's wait completes (Linux's {@code fq_ring_free} frees the queued IOVAs
 * after {@code fq_flush_iotlb}), so an IOVA is never handed out again before its flush. Does not model: one queue per CPU (one for the host), the drain's CPU time
 * (timer context, free). Statistics: {@code <prefix>.flush-queue.flushes} and
 * {@code <prefix>.flush-queue.length}.
 */
final class FlushQueue {
    private static final Runnable NOTHING = () -> { };

    private final TimedControlPlane tcp;
    private final List<Invalidation> queue = new ArrayList<>();
    /** Table pages the deferred unmaps freed: reusable after the drain's wait. */
    private LongArrayList tables = new LongArrayList();
    /** The deferred unmaps' IOVAs as (core, pages) pairs: back to the allocator after the drain's wait. */
    private LongArrayList iovas = new LongArrayList();
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

    /**
     * Defers {@code invs}, the table pages their unmap freed and its IOVA ({@code pages} pages of
     * core {@code core}'s allocator; -1: none); drains when the batch is full.
     */
    void defer(List<Invalidation> invs, LongArrayList freedTables, int core, long pages) {
        if (core >= 0) {
            iovas.add(core);
            iovas.add(pages);
        }
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
        if (tables.isEmpty() && iovas.isEmpty()) {
            tcp.submitter.submit(queue, NOTHING);
        } else {
            LongArrayList freed = tables;
            LongArrayList freedIovas = iovas;
            tables = new LongArrayList();
            iovas = new LongArrayList();
            tcp.submitter.submit(queue, () -> {
                tcp.cp.releaseTablePages(freed);
                for (int i = 0; i < freedIovas.size(); i += 2) {
                    tcp.iova.free((int) freedIovas.getLong(i), freedIovas.getLong(i + 1));
                }
            });
        }
        queue.clear();
        length.set(0);
    }

    int size() {
        return queue.size();
    }
}
