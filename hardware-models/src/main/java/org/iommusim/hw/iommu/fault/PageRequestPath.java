package org.iommusim.hw.iommu.fault;

import java.util.Arrays;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.core.stats.TimeWeighted;

/**
 * Recoverable faults through PCIe PRI and the IOMMU's page request queue (VT-d page request
 * queue, SMMUv3 PRI queue, AMD PPR log; separate from the fault queue on all three): a
 * requester that faulted on a page asks for it; the request takes an entry of the queue until
 * software answers it after the handler latency ({@link PriConfig}) with a page-group response
 * (each request is its own group, last-in-group set), and its {@link PriCallback} is called once
 * so it can retry the access. A request that finds the queue full is not queued: the hardware
 * answers it automatically with Success after {@code autoResponsePs} (VT-d §7.4.1, SMMUv3 §8.1),
 * nothing maps the page ({@link #answeringAutomatically()} is true during that callback), and
 * the device retries — translation, fault, and a new page request while attempts remain.
 *
 * <p>Does not model: multi-request page groups, failure response codes, a software drain of
 * the queue separate from the response (an entry is held until the response), AMD's PPR-log
 * stop on overflow (treated as auto-response, as with PprAutoRsp).
 *
 * <p>Statistics under {@code prefix}: {@code requests} (counter), {@code queued} and
 * {@code auto-responses} (requests queued / answered automatically because the queue was
 * full), {@code latency} (request to response, histogram), {@code outstanding} (queued
 * requests, time-weighted). Pending requests are pooled objects with a reusable event each:
 * steady state allocates nothing.
 */
public final class PageRequestPath {
    private final Simulator sim;
    private final PriConfig config;
    private final Counter requests;
    private final Counter queued;
    private final Counter autoResponses;
    private boolean automatic;
    private final LatencyHistogram latency;
    private final TimeWeighted outstanding;
    private Pending[] pool = new Pending[8];
    private int pooled;
    private int inFlight;

    public PageRequestPath(Simulator sim, StatsRegistry stats, String prefix, PriConfig config) {
        this.sim = sim;
        this.config = config;
        String p = prefix + ".";
        requests = stats.counter(p + "requests", "requests", "page requests (recoverable faults) issued");
        queued = stats.counter(p + "queued", "requests", "page requests written into the page request queue");
        autoResponses = stats.counter(p + "auto-responses", "requests",
                "page requests the hardware answered automatically (Success) because the queue was full; the device retries");
        latency = stats.histogram(p + "latency", "ps", "time from a page request to its response");
        outstanding = stats.timeWeighted(p + "outstanding", "requests", "page requests awaiting a response");
    }

    /** Requests the page at {@code address}; {@code callback} runs once after the handler latency. */
    public void request(int device, int pasid, long address, PriCallback callback) {
        if (callback == null) {
            throw new IllegalArgumentException("a page request needs a callback to retry from");
        }
        Pending r = pooled == 0 ? new Pending() : pool[--pooled];
        r.device = device;
        r.pasid = pasid;
        r.address = address;
        r.issuedPs = sim.now();
        r.callback = callback;
        requests.increment();
        r.auto = inFlight >= config.queueDepth();
        if (r.auto) {
            autoResponses.increment();
            sim.schedule(r, config.autoResponsePs());
            return;
        }
        queued.increment();
        outstanding.set(++inFlight);
        sim.schedule(r, config.handlerLatencyPs());
    }

    /** True while the callback of an automatic (queue-full) response runs: the page was not mapped. */
    public boolean answeringAutomatically() {
        return automatic;
    }

    public long autoResponses() {
        return autoResponses.get();
    }

    /** Requests awaiting their response now. */
    public int outstanding() {
        return inFlight;
    }

    public long requests() {
        return requests.get();
    }

    private final class Pending extends Event {
        int device;
        int pasid;
        long address;
        long issuedPs;
        PriCallback callback;
        boolean auto;

        @Override
        public void fire() {
            long l = sim.now() - issuedPs;
            PriCallback cb = callback;
            int dev = device;
            int pa = pasid;
            long addr = address;
            callback = null;
            if (pooled == pool.length) {
                pool = Arrays.copyOf(pool, pooled * 2);
            }
            pool[pooled++] = this;
            if (auto) {
                automatic = true;
                try {
                    cb.pageReady(dev, pa, addr, l);
                } finally {
                    automatic = false;
                }
                return;
            }
            outstanding.set(--inFlight);
            latency.record(l);
            cb.pageReady(dev, pa, addr, l);
        }
    }
}
