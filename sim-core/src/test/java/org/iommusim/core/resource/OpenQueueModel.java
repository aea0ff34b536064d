package org.iommusim.core.resource;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.Distribution;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.StatsRegistry;
import java.util.function.Function;

/**
 * Test model: a renewal arrival process feeding a {@link FifoServer}; each granted request holds
 * its slot for a service time drawn from its own stream. Statistics are reset after
 * {@code warmup} arrivals (exactly {@code customers} arrive in the window); arrivals stop after {@code warmup + customers}, and the run drains.
 */
final class OpenQueueModel {
    final Simulator sim = new Simulator();
    final StatsRegistry stats = new StatsRegistry(sim);
    final FifoServer server;
    private final Distribution interarrival;
    private final Distribution service;
    private final long warmup;
    private final long total;
    private long arrived;
    private final Event[] departures;
    private final Event arrival = new Event() {
        @Override
        public void fire() {
            if (arrived++ == warmup) {
                stats.reset(); // the window starts just before arrival warmup + 1
            }
            server.request(client);
            if (arrived < total) {
                sim.schedule(this, interarrival.sampleLong());
            }
        }
    };
    private final Client client;

    OpenQueueModel(long seed, ServerConfig config, Function<RandomStreams, Distribution> interarrival,
            Function<RandomStreams, Distribution> service, long warmup, long customers) {
        RandomStreams streams = new RandomStreams(seed, 0);
        this.interarrival = interarrival.apply(streams);
        this.service = service.apply(streams);
        this.warmup = warmup;
        this.total = warmup + customers;
        this.server = new FifoServer(sim, stats, "server", config);
        this.departures = new Event[config.servers()];
        for (int i = 0; i < departures.length; i++) {
            int slot = i;
            departures[i] = Event.of(() -> server.release(slot));
        }
        this.client = (slot, waited) -> sim.schedule(departures[slot], this.service.sampleLong());
    }

    OpenQueueModel run() {
        sim.schedule(arrival, interarrival.sampleLong());
        sim.run();
        return this;
    }
}
