package org.iommusim.hw.iommu.fault;

import java.util.Arrays;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.core.stats.TimeWeighted;

/**
 * The host side of PCIe PRI: the IOMMU's page request queue (VT-d page request queue, SMMUv3 PRI
 * queue, AMD PPR log; separate from the fault queue on all three) and the software that drains
 * it. A page request group ({@link PageGroup}, sent by a device's {@link PageRequestGroups})
 * takes one queue entry per request until software answers the group: after the handler latency
 * ({@link PriConfig}) the {@link Resolver} handles every request of it and writes ONE page group
 * response (VT-d page group response descriptor, SMMUv3 CMD_PRI_RESP, AMD COMPLETE_PPR_REQUEST),
 * and the group is told once ({@link PageGroup#answered}). A group whose requests do not all fit
 * in the queue is not queued: the hardware answers its Last request automatically with Success
 * after {@code autoResponsePs} (VT-d §7.4.1, SMMUv3 §8.1), nothing is mapped, and the device
 * retries; requests of it that did fit are discarded by software as an incomplete group (Linux
 * {@code iopf_queue_discard_partial} on a queue overflow), so the model queues none of them.
 *
 * <p>Does not model: failure response codes (a fault software declines never becomes a page
 * request), a software drain of the queue separate from the response (an entry is held until
 * its group's response), AMD's PPR-log stop on overflow (treated as auto-response).
 *
 * <p>Statistics under {@code prefix}: {@code requests} and {@code groups} (page requests and
 * page request groups received), {@code group-size} (requests per group, histogram),
 * {@code queued} (requests written into the queue), {@code responses} (group responses software
 * wrote), {@code auto-responses} (groups answered automatically because the queue was full),
 * {@code latency} (group to response, histogram), {@code outstanding} (queued requests,
 * time-weighted). Pending groups are pooled with a reusable event each: steady state allocates
 * nothing.
 */
public final class PageRequestPath {
    /** Software handling one group: resolves its requests and pays for its response. */
    @FunctionalInterface
    public interface Resolver {
        void resolve(PageGroup group);
    }

    private final Simulator sim;
    private final PriConfig config;
    private final Counter requests;
    private final Counter groups;
    private final LatencyHistogram groupSize;
    private final Counter queued;
    private final Counter responses;
    private final Counter autoResponses;
    private final LatencyHistogram latency;
    private final TimeWeighted outstanding;
    private Resolver resolver = g -> { };
    private Pending[] pool = new Pending[8];
    private int pooled;
    private int inFlight;

    public PageRequestPath(Simulator sim, StatsRegistry stats, String prefix, PriConfig config) {
        this.sim = sim;
        this.config = config;
        String p = prefix + ".";
        requests = stats.counter(p + "requests", "requests", "page requests received (one per page of a group)");
        groups = stats.counter(p + "groups", "groups",
                "page request groups received (the requests of one DMA's failed translations; the last carries the Last bit)");
        groupSize = stats.histogram(p + "group-size", "requests", "page requests per page request group");
        queued = stats.counter(p + "queued", "requests", "page requests written into the page request queue");
        responses = stats.counter(p + "responses", "groups",
                "page group responses software wrote (one per queued group, after handling all its requests)");
        autoResponses = stats.counter(p + "auto-responses", "groups",
                "page request groups the hardware answered automatically (Success) because the queue had no room for them; the device retries");
        latency = stats.histogram(p + "latency", "ps", "time from a page request group to its response");
        outstanding = stats.timeWeighted(p + "outstanding", "requests", "page requests queued awaiting their group's response");
    }

    /** Software that handles queued groups when their response is due (default: maps nothing). */
    public void setResolver(Resolver r) {
        if (r == null) {
            throw new IllegalArgumentException("a page request path needs a resolver");
        }
        resolver = r;
    }

    /** A device sends page request group {@code g}; {@link PageGroup#answered} runs once, later. */
    public void submit(PageGroup g) {
        int n = g.size();
        if (n < 1) {
            throw new IllegalArgumentException("a page request group has at least one request, got " + n);
        }
        Pending r = pooled == 0 ? new Pending() : pool[--pooled];
        r.group = g;
        r.issuedPs = sim.now();
        requests.add(n);
        groups.increment();
        groupSize.record(n);
        r.auto = inFlight + n > config.queueDepth();
        if (r.auto) {
            autoResponses.increment();
            sim.schedule(r, config.autoResponsePs());
            return;
        }
        queued.add(n);
        inFlight += n;
        outstanding.set(inFlight);
        sim.schedule(r, config.handlerLatencyPs());
    }

    public long autoResponses() {
        return autoResponses.get();
    }

    /** Requests queued awaiting their group's response now. */
    public int outstanding() {
        return inFlight;
    }

    public long requests() {
        return requests.get();
    }

    public long groups() {
        return groups.get();
    }

    public long responses() {
        return responses.get();
    }

    private final class Pending extends Event {
        PageGroup group;
        long issuedPs;
        boolean auto;

        @Override
        public void fire() {
            long l = sim.now() - issuedPs;
            PageGroup g = group;
            boolean automatic = auto;
            group = null;
            if (pooled == pool.length) {
                pool = Arrays.copyOf(pool, pooled * 2);
            }
            pool[pooled++] = this;
            if (!automatic) {
                inFlight -= g.size();
                outstanding.set(inFlight);
                latency.record(l);
                resolver.resolve(g);
                responses.increment();
            }
            g.answered(automatic, l);
        }
    }
}
