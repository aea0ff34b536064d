package org.iommusim.hw.memtiming;

import java.util.Arrays;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.kernel.TimeBatch;
import org.iommusim.core.random.Delay;
import org.iommusim.core.random.RandomStream;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.resource.Client;
import org.iommusim.core.resource.FifoServer;
import org.iommusim.core.resource.ServerConfig;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;

/**
 * The memory the IOMMU reads uncached page-table entries from (see {@link MemoryConfig}).
 *
 * <p>Models: a fixed access latency, or one drawn per DRAM read from
 * {@link MemoryConfig#latencyDistribution} (stream {@code <prefix>.latency}); optionally an LLC hit, drawn per read with a configured
 * probability from the stream {@code <prefix>.llc}, that costs the LLC latency and no channel
 * time; optionally {@code channels} DRAM channels, each a {@link FifoServer} with one slot and
 * an unbounded FIFO queue. Address interleaving picks the channel:
 * {@code (address / interleaveBytes) mod channels}. A read holds its channel for
 * {@code accessBytes / bandwidth} from the moment it is granted and completes
 * {@code latencyPs} after the grant (the latency includes one transfer). So reads that find
 * their channel free take exactly the latency, and the i-th of N reads issued together to one
 * channel completes at {@code latency + i · accessBytes / bandwidth}.
 *
 * <p>Does not model: writes, bank/row-buffer state, refresh, read/write turnaround, address
 * hashing, LLC fills or evictions (the hit draw is memoryless), or coherence traffic.
 *
 * <p>Two ways to read, both allocation-free in steady state:
 * <ul>
 *   <li>{@link #read(long, ReadCallback)}: always valid. The model takes a pooled read record,
 *       schedules its completion (and, with channels, its channel release) on reusable events
 *       (completions of one instant fire from one kernel event, {@link TimeBatch}),
 *       and calls the caller-owned callback at completion. The pool grows to the peak number
 *       of reads in flight and is reused afterwards.</li>
 *   <li>{@link #readNow(long)}: returns the latency at once, for a caller that schedules its own
 *       continuation. Only without channels, where a read's latency cannot depend on reads
 *       issued later — no event at all.</li>
 * </ul>
 *
 * <p>Statistics under {@code prefix}: {@code reads}, {@code llc-hits}, {@code dram-reads}
 * (counters, reads), {@code latency} (histogram, ps), {@code llc-hit-ratio} and
 * {@code channel-utilisation} (mean over channels; derived), and per channel the
 * {@link FifoServer} statistics under {@code <prefix>.channel<i>}.
 */
public final class MemoryModel {
    private final Simulator sim;
    /**
     * Read completions: reads issued together with one latency complete together, from one kernel
     * event in their own order ({@link TimeBatch}; the kernel's own path with
     * {@code -Diommusim.timeBatches=false}).
     */
    private final TimeBatch completions;
    private final MemoryConfig config;
    private final FifoServer[] channels;
    private final long channelServicePs;
    private final int interleaveShift;
    private final RandomStream llcStream;
    private final double llcProbability;
    /** The DRAM latency: {@code latencyPs}, or a draw per read from {@code <prefix>.latency}. */
    private final Delay dramLatency;

    private final Counter reads;
    private final Counter llcHits;
    private final Counter dramReads;
    private final LatencyHistogram latency;

    private PendingRead[] pool = new PendingRead[16];
    private int pooled;
    private int allocated;

    public MemoryModel(Simulator sim, StatsRegistry stats, RandomStreams streams, String prefix, MemoryConfig config) {
        this.sim = sim;
        this.completions = new TimeBatch(sim, !"false".equals(System.getProperty("iommusim.timeBatches")));
        this.config = config;
        this.channels = new FifoServer[config.channels()];
        for (int i = 0; i < channels.length; i++) {
            channels[i] = new FifoServer(sim, stats, prefix + ".channel" + i, ServerConfig.unbounded(1));
        }
        this.channelServicePs = config.channelServicePs();
        this.interleaveShift = Integer.numberOfTrailingZeros(config.interleaveBytes());
        this.llcProbability = config.llcHitProbability();
        this.llcStream = llcProbability > 0 ? streams.stream(prefix + ".llc") : null;
        this.dramLatency = Delay.of(config.latencyPs(), config.latencyDistribution(), streams, prefix + ".latency");

        String p = prefix + ".";
        reads = stats.counter(p + "reads", "reads", "memory reads issued (PTE reads that missed every cache)");
        llcHits = stats.counter(p + "llc-hits", "reads", "memory reads served by the last-level cache");
        dramReads = stats.counter(p + "dram-reads", "reads", "memory reads served by DRAM");
        latency = stats.histogram(p + "latency", "ps", "memory read latency, issue to completion");
        stats.derived(p + "llc-hit-ratio", "ratio", "LLC hits per memory read",
                () -> reads.get() == 0 ? Double.NaN : llcHits.get() / (double) reads.get());
        stats.derived(p + "channel-utilisation", "ratio", "mean busy fraction over the DRAM channels (NaN: none)",
                this::channelUtilisation);
    }

    public MemoryConfig config() {
        return config;
    }

    /** Issues a read of {@code address}; {@code callback} runs once at its completion. */
    public void read(long address, ReadCallback callback) {
        PendingRead r = take();
        r.address = address;
        r.callback = callback;
        r.issuedPs = sim.now();
        reads.increment();
        if (drawLlcHit()) {
            llcHits.increment();
            r.eventsLeft = 1;
            completions.schedule(r.complete, config.llcLatencyPs());
            return;
        }
        dramReads.increment();
        if (channels.length == 0) {
            r.eventsLeft = 1;
            completions.schedule(r.complete, dramLatency.next());
            return;
        }
        r.eventsLeft = 2;
        r.channel = channelOf(address);
        channels[r.channel].request(r); // granted now or when the channel frees up
    }

    /**
     * The latency of a read of {@code address} issued now; the caller schedules its own
     * continuation. Records the same statistics as {@link #read}.
     *
     * @throws IllegalStateException when channels are modelled (a read's latency then depends
     *                               on queueing, so use {@link #read(long, ReadCallback)})
     */
    public long readNow(long address) {
        if (channels.length > 0) {
            throw new IllegalStateException("readNow() needs a memory model without channels (channels = "
                    + channels.length + "); use read(address, callback)");
        }
        reads.increment();
        long l;
        if (drawLlcHit()) {
            llcHits.increment();
            l = config.llcLatencyPs();
        } else {
            dramReads.increment();
            l = dramLatency.next();
        }
        latency.record(l);
        return l;
    }

    /** The channel a read of {@code address} uses (address interleaving); -1 without channels. */
    public int channelOf(long address) {
        if (channels.length == 0) {
            return -1;
        }
        return (int) Long.remainderUnsigned(address >>> interleaveShift, channels.length);
    }

    /** The FIFO server of channel {@code i}, for its statistics and Little's-law view. */
    public FifoServer channel(int i) {
        return channels[i];
    }

    public int channels() {
        return channels.length;
    }

    /** Time-weighted busy fraction averaged over the channels; NaN without channels. */
    public double channelUtilisation() {
        if (channels.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (FifoServer c : channels) {
            sum += c.utilisation();
        }
        return sum / channels.length;
    }

    public long reads() {
        return reads.get();
    }

    public long llcHits() {
        return llcHits.get();
    }

    /** Reads issued with a callback that have not completed yet. */
    public int inFlight() {
        return allocated - pooled;
    }

    private boolean drawLlcHit() {
        return llcStream != null && llcStream.nextDouble() < llcProbability;
    }

    private PendingRead take() {
        if (pooled == 0) {
            allocated++;
            return new PendingRead();
        }
        PendingRead r = pool[--pooled];
        pool[pooled] = null;
        return r;
    }

    private void recycle(PendingRead r) {
        r.callback = null;
        if (pooled == pool.length) {
            pool = Arrays.copyOf(pool, pooled * 2);
        }
        pool[pooled++] = r;
    }

    /** One read in flight: its channel client and its two reusable events. */
    private final class PendingRead implements Client {
        long address;
        long issuedPs;
        ReadCallback callback;
        int channel;
        int slot;
        int eventsLeft;

        final Event complete = new Event() {
            @Override
            public void fire() {
                long now = sim.now();
                long l = now - issuedPs;
                long a = address;
                ReadCallback cb = callback;
                latency.record(l);
                done();
                cb.readComplete(a, now, l);
            }
        };

        final Event release = new Event() {
            @Override
            public void fire() {
                channels[channel].release(slot);
                done();
            }
        };

        @Override
        public void granted(int grantedSlot, long waitedPs) {
            slot = grantedSlot;
            sim.schedule(release, channelServicePs);
            completions.schedule(complete, dramLatency.next());
        }

        private void done() {
            if (--eventsLeft == 0) {
                recycle(this);
            }
        }
    }
}
