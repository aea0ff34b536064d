package org.iommusim.hw.iommu.control;

import it.unimi.dsi.fastutil.ints.IntArrayList;
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
 * {@link TimedControlPlane}. A lazy unmap writes no invalidation: it queues one entry (its IOVA
 * and the table pages it freed) and returns. A drain writes ONE domain-wide IOTLB flush per
 * domain in the queue ({@code fq_flush_iotlb} → {@code iommu_flush_iotlb_all}: VT-d
 * domain-selective IOTLB plus whole device TLBs, SMMUv3 TLBI_NH_ASID / TLBI_S12_VMALL plus
 * ATC_INV, AMD INVALIDATE_IOMMU_PAGES all pages plus INVALIDATE_IOTLB_PAGES), then one wait. An
 * unmap that finds the queue holding the policy's batch drains it itself before it queues its
 * own entry ({@code queue_iova}: {@code fq_full} → {@code fq_flush_iotlb}), writing the flush
 * and spinning on its wait on its core ({@link #takeIfFull}); the timer drains the policy's
 * timeout after the first entry ({@code fq_flush_timeout}). The queued IOVAs and tables become
 * reusable when the drain's wait completes ({@code fq_ring_free}), so an IOVA is never handed out
 * again before its flush, and the removed translations stay usable in the caches until then.
 *
 * <p>Does not model: one queue per CPU and per domain (one for the host, its drain flushing each
 * domain it holds), the timer drain's CPU time (softirq context; at most one domain flush and a
 * wait per timeout, 10 ms by default). Statistics: {@code <prefix>.flush-queue.flushes} and
 * {@code <prefix>.flush-queue.length}.
 */
final class FlushQueue {
    private static final Runnable NOTHING = () -> { };

    /** Queued entries taken out for one drain: the domain-wide flushes, and what the wait frees. */
    static final class Drain {
        final List<Invalidation> flushes;
        final LongArrayList tables;
        final LongArrayList iovas;

        private Drain(List<Invalidation> flushes, LongArrayList tables, LongArrayList iovas) {
            this.flushes = flushes;
            this.tables = tables;
            this.iovas = iovas;
        }
    }

    private final TimedControlPlane tcp;
    /** The domains of the queued entries, each once, in order of arrival. */
    private final IntArrayList domains = new IntArrayList();
    private int entries;
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
                "lazy-unmap flush-queue drains (batch full or timeout), each one domain-wide flush per queued domain");
        this.length = registry.timeWeighted(prefix + ".flush-queue.length", "unmaps",
                "lazy unmaps waiting in the flush queue, time-weighted");
    }

    /**
     * Queues the lazy unmap whose invalidations are {@code invs} (only their domains are kept: the
     * drain flushes whole domains), the table pages it freed and its IOVA ({@code pages} pages of
     * core {@code core}'s allocator; -1: none).
     */
    void defer(List<Invalidation> invs, LongArrayList freedTables, int core, long pages) {
        if (core >= 0) {
            iovas.add(core);
            iovas.add(pages);
        }
        if (entries == 0 && tcp.policy.flushTimeoutPs() > 0) {
            tcp.sim.schedule(timer, tcp.policy.flushTimeoutPs());
        }
        for (int i = 0; i < invs.size(); i++) {
            int d = invs.get(i).ioasid();
            if (!domains.contains(d)) {
                domains.add(d);
            }
        }
        entries++;
        tables.addAll(freedTables);
        length.set(entries);
    }

    /**
     * The queue's entries, taken out for the caller to drain ({@link #submit}), when it holds the
     * policy's batch; else null.
     */
    Drain takeIfFull() {
        return entries >= tcp.policy.batchSize() ? take() : null;
    }

    /** The commands a drain writes (its domain-wide flushes and the wait). */
    long commands(Drain d) {
        return tcp.submitter.commandsFor(d.flushes) + 1;
    }

    /** Submits drain {@code d} with its wait; when it completes, frees its IOVAs and tables, then runs {@code after}. */
    void submit(Drain d, Runnable after) {
        flushes.increment();
        tcp.submitter.submit(d.flushes, () -> {
            tcp.cp.releaseTablePages(d.tables);
            for (int i = 0; i < d.iovas.size(); i += 2) {
                tcp.iova.free((int) d.iovas.getLong(i), d.iovas.getLong(i + 1));
            }
            after.run();
        });
    }

    /** Drains the queue now (its timer, or an explicit flush): the domain-wide flushes and one wait. */
    void flush() {
        if (entries > 0) {
            submit(take(), NOTHING);
        }
        tcp.sim.cancel(timer);
    }

    private Drain take() {
        tcp.sim.cancel(timer);
        List<Invalidation> out = new ArrayList<>(domains.size());
        for (int i = 0; i < domains.size(); i++) {
            out.add(new Invalidation(domains.getInt(i), Invalidation.Scope.ALL, 0, 0, -1, false, 1,
                    Invalidation.Cause.UNMAP));
        }
        Drain d = new Drain(out, tables, iovas);
        domains.clear();
        entries = 0;
        tables = new LongArrayList();
        iovas = new LongArrayList();
        length.set(0);
        return d;
    }

    /** Lazy unmaps waiting in the queue. */
    int size() {
        return entries;
    }
}
