package org.iommusim.hw.iommu.fault;

import java.util.Arrays;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.core.stats.TimeWeighted;

/**
 * Recoverable faults through PCIe PRI: a requester that faulted on a page asks for it, waits
 * for the handler latency ({@link PriConfig}), and then its {@link PriCallback} is called once
 * so it can retry the access. Requests are independent (the handler is not a queue here).
 *
 * <p>Does not model: the page-request queue's depth and overflow, page-request groups,
 * response failure codes, handler contention for host cores, or whether the handler actually
 * maps the page (the integration does that before the retry).
 *
 * <p>Statistics under {@code prefix}: {@code requests} (counter), {@code latency} (request to
 * response, histogram), {@code outstanding} (time-weighted). Pending requests are pooled
 * objects with a reusable event each: steady state allocates nothing.
 */
public final class PageRequestPath {
    private final Simulator sim;
    private final PriConfig config;
    private final Counter requests;
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
        outstanding.set(++inFlight);
        sim.schedule(r, config.handlerLatencyPs());
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
            outstanding.set(--inFlight);
            latency.record(l);
            cb.pageReady(dev, pa, addr, l);
        }
    }
}
