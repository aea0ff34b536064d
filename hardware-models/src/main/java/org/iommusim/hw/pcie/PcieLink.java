package org.iommusim.hw.pcie;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.resource.Client;
import org.iommusim.core.resource.FifoServer;
import org.iommusim.core.resource.ServerConfig;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;

/**
 * One PCIe link between a device and its root port (see {@link LinkConfig}).
 *
 * <p>Models: each direction is a single FIFO server ({@link FifoServer}, one slot, unbounded
 * queue) that a transfer occupies for its serialisation time
 * {@code wireBytes / TLP bandwidth} ({@link LinkConfig#tlpBytesPerSecond()}: after line encoding
 * and the Ack/UpdateFC/SKP share), where wire bytes are payload plus per TLP the framing and its
 * header — a 3/4-DW request header for writes and read requests, a 3-DW header for completions
 * ({@link LinkConfig#requestOverheadBytes()}, {@link LinkConfig#completionOverheadBytes()});
 * concurrent transfers in one direction
 * therefore queue, the two directions are independent. A transfer is delivered
 * {@code latencyPs} after its serialisation ends (propagation overlaps the next transfer).
 * A whole transfer is serialised as one unit, so the TLPs of two transfers do not interleave.
 *
 * <p>Posted writes are bounded by the root port's posted credits ({@link #postedCredits()}), read
 * requests by its non-posted-header credits ({@link #nonPostedCredits()}); the sender takes them
 * before it sends (a {@code DmaTransfer} does: a write TLP by TLP, a read's requests at once).
 *
 * <p>Does not model: completion credits (infinite at root ports and endpoints), Ack/Nak replay (the DLLPs' share of
 * the link is modelled, their timing is not), ordering rules
 * between posted and non-posted TLPs, switches, power states, or relaxed ordering.
 *
 * <p>Statistics under {@code prefix}: per direction ({@code up}, {@code down}) the
 * {@link FifoServer} statistics plus {@code <dir>.wire-bytes}, {@code <dir>.payload-bytes}
 * and {@code <dir>.tlps} (counters), and the derived {@code <dir>.payload-throughput} (bytes/s).
 * Transfers are pooled: the steady state allocates nothing.
 */
public final class PcieLink {
    private final Simulator sim;
    private final LinkConfig config;
    private final FifoServer[] servers = new FifoServer[2];
    private final Counter[] wireBytes = new Counter[2];
    private final Counter[] payloadBytes = new Counter[2];
    private final Counter[] tlps = new Counter[2];
    private final FlowCredits postedCredits;
    private final FlowCredits nonPostedCredits;
    /**
     * {@link LinkConfig#serializationPs}'s factor, ps per wire byte, computed once: the same
     * double expression, so the same rounding (the config recomputes it, with the DLLP table
     * lookups, on every call).
     */
    private final double psPerWireByte;
    private Transfer free;

    public PcieLink(Simulator sim, StatsRegistry stats, String prefix, LinkConfig config) {
        this.sim = sim;
        this.config = config;
        this.psPerWireByte = SimTime.S / config.tlpBytesPerSecond();
        this.postedCredits = FlowCredits.posted(sim, stats, prefix, config.postedHeaderCredits(),
                config.postedDataCredits(), config.latencyPs());
        this.nonPostedCredits = FlowCredits.nonPosted(sim, stats, prefix, config.nonPostedHeaderCreditsAdvertised(),
                config.latencyPs());
        for (LinkDirection d : LinkDirection.values()) {
            int i = d.ordinal();
            String p = prefix + "." + d.statName();
            servers[i] = new FifoServer(sim, stats, p, ServerConfig.unbounded(1));
            wireBytes[i] = stats.counter(p + ".wire-bytes", "bytes", "bytes on the wire, TLP overhead included");
            payloadBytes[i] = stats.counter(p + ".payload-bytes", "bytes", "data bytes carried in TLP payloads");
            tlps[i] = stats.counter(p + ".tlps", "tlps", "TLPs sent");
            FifoServer s = servers[i];
            Counter pb = payloadBytes[i];
            stats.derived(p + ".payload-throughput", "bytes/s", "payload bytes per second of simulated time",
                    () -> {
                        long window = s.system().windowPs();
                        return window <= 0 ? 0 : pb.get() * (double) SimTime.S / window;
                    });
        }
    }

    public LinkConfig config() {
        return config;
    }

    /** The root port's posted-request credits a device's writes must hold ({@link FlowCredits}). */
    public FlowCredits postedCredits() {
        return postedCredits;
    }

    /** The root port's non-posted-header credits a device's read requests must hold ({@link FlowCredits}). */
    public FlowCredits nonPostedCredits() {
        return nonPostedCredits;
    }

    /** The FIFO server of direction {@code d} (queueing, utilisation, Little's law). */
    public FifoServer server(LinkDirection d) {
        return servers[d.ordinal()];
    }

    /**
     * Closed form: the time {@code bytes} of DMA data (aligned, {@code bytes > 0}) occupy
     * direction {@code dir} — upstream as posted writes of at most MPS bytes, downstream as
     * completions of at most the completion size — {@code (bytes + TLPs · overhead) / bandwidth}.
     */
    public long transferTimePs(long bytes, LinkDirection dir) {
        if (dir == LinkDirection.UPSTREAM) {
            return config.serializationPs(Tlps.payloadWireBytes(0, bytes, config.maxPayloadBytes(),
                    config.requestOverheadBytes()));
        }
        return config.serializationPs(Tlps.payloadWireBytes(0, bytes, config.completionBytes(),
                config.completionOverheadBytes()));
    }

    /** Sends a DMA write's data upstream: {@code length} bytes at {@code address} split at MPS. */
    public void sendWrite(long address, long length, long tag, LinkCallback callback) {
        long n = Tlps.count(address, length, config.maxPayloadBytes());
        send(LinkDirection.UPSTREAM, length, n, config.requestOverheadBytes(), tag, callback);
    }

    /** Sends a DMA read's header-only requests upstream, one per MRRS block. */
    public void sendReadRequest(long address, long length, long tag, LinkCallback callback) {
        long n = Tlps.count(address, length, config.maxReadRequestBytes());
        send(LinkDirection.UPSTREAM, 0, n, config.requestOverheadBytes(), tag, callback);
    }

    /** Sends a DMA read's completions downstream: {@code length} bytes split at the completion size. */
    public void sendCompletion(long address, long length, long tag, LinkCallback callback) {
        long n = Tlps.count(address, length, config.completionBytes());
        send(LinkDirection.DOWNSTREAM, length, n, config.completionOverheadBytes(), tag, callback);
    }

    /**
     * Sends {@code tlpCount} TLPs carrying {@code payload} bytes in all over direction {@code dir},
     * each adding {@code overheadBytes} (framing and header) on the wire.
     */
    public void send(LinkDirection dir, long payload, long tlpCount, int overheadBytes, long tag,
                     LinkCallback callback) {
        if (payload < 0 || tlpCount < 1) {
            throw new IllegalArgumentException("need payload >= 0 and at least one TLP, got " + payload + " B in "
                    + tlpCount + " TLPs");
        }
        int i = dir.ordinal();
        long wire = payload + tlpCount * overheadBytes;
        wireBytes[i].add(wire);
        payloadBytes[i].add(payload);
        tlps[i].add(tlpCount);
        Transfer t = free;
        if (t == null) {
            t = new Transfer();
        } else {
            free = t.nextFree;
        }
        t.dir = i;
        t.servicePs = Math.round(wire * psPerWireByte); // config.serializationPs(wire)
        t.tag = tag;
        t.callback = callback;
        t.start = sim.now();
        t.serialising = true;
        servers[i].request(t);
    }

    /** One transfer in flight: granted the direction, serialised, then propagated. */
    private final class Transfer extends Event implements Client {
        int dir;
        long servicePs;
        long tag;
        long start;
        int slot;
        boolean serialising;
        LinkCallback callback;
        Transfer nextFree;

        @Override
        public void granted(int grantedSlot, long waitedPs) {
            slot = grantedSlot;
            sim.schedule(this, servicePs);
        }

        @Override
        public void fire() {
            if (serialising) {
                serialising = false;
                servers[dir].release(slot);
                sim.schedule(this, config.latencyPs());
                callback.left(tag);
                return;
            }
            LinkCallback cb = callback;
            long t = tag;
            long latency = sim.now() - start;
            callback = null;
            nextFree = free;
            free = this;
            cb.delivered(t, latency);
        }
    }
}
