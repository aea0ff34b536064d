package org.iommusim.hw.memtiming;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.random.DistributionSpec;

/**
 * Timing of the memory that page-table entries are read from.
 *
 * <p>Defaults and their provenance:
 * <ul>
 *   <li>{@code latencyPs} = 80 ns: the unloaded latency of one 64-byte DRAM read as seen from
 *       an agent on the uncore, the usual order of idle latency reported by Intel's Memory
 *       Latency Checker on server parts (70–90 ns) and about what gem5's DDR3/DDR4 controller
 *       models give with their crossbar. It includes the transfer of one access.</li>
 *   <li>{@code channels} = 0: channel contention off (every read takes the fixed latency).
 *       Set it to model bandwidth: each channel serves reads first come, first served.</li>
 *   <li>{@code channelBytesPerSecond} = 25.6 GB/s: one DDR4-3200 channel (3200 MT/s × 8 bytes).</li>
 *   <li>{@code accessBytes} = 64: one cache line; a PTE read fetches a whole line.</li>
 *   <li>{@code interleaveBytes} = 64: consecutive lines go to consecutive channels (cache-line
 *       interleaving, channel = (address / interleaveBytes) mod channels). Real controllers
 *       often interleave at 256 B–4 KiB and hash address bits; neither is modelled.</li>
 *   <li>{@code llcHitProbability} = 0 (off): the chance that a PTE read hits in the last-level
 *       cache (IOMMUs on Intel parts snoop the LLC); drawn per read from a named stream.</li>
 *   <li>{@code llcLatencyPs} = 20 ns: LLC hit latency from the uncore, the usual 40–70 core
 *       cycles at 2–3 GHz.</li>
   <li>{@code latencyDistribution} = none: when set, each DRAM read's latency is drawn from it
 *       (stream {@code <prefix>.latency}) instead of {@code latencyPs} — e.g. exponential for
 *       an M/M/1 walker; it must draw durations &gt;= 0. The LLC latency stays fixed.</li>
 * </ul>
 * All are scenario parameters. Validation messages name the field, the value and what is allowed.
 */
public record MemoryConfig(long latencyPs, int channels, long channelBytesPerSecond, int accessBytes,
        int interleaveBytes, double llcHitProbability, long llcLatencyPs, DistributionSpec latencyDistribution) {

    public static final long DEFAULT_LATENCY_PS = 80 * SimTime.NS;
    public static final long DEFAULT_CHANNEL_BYTES_PER_SECOND = 25_600_000_000L;
    public static final int DEFAULT_ACCESS_BYTES = 64;
    public static final long DEFAULT_LLC_LATENCY_PS = 20 * SimTime.NS;
    /** Largest access size: keeps bytes × 10^12 ps/s inside a long. */
    public static final int MAX_ACCESS_BYTES = 1 << 20;

    /** A fixed DRAM latency (no {@code latencyDistribution}). */
    public MemoryConfig(long latencyPs, int channels, long channelBytesPerSecond, int accessBytes, int interleaveBytes,
                        double llcHitProbability, long llcLatencyPs) {
        this(latencyPs, channels, channelBytesPerSecond, accessBytes, interleaveBytes, llcHitProbability, llcLatencyPs,
                null);
    }

    public MemoryConfig {
        if (latencyDistribution != null && !(latencyDistribution.lowest() >= 0)) {
            throw new IllegalArgumentException("memory latency distribution must draw durations >= 0, but "
                    + latencyDistribution + " draws from " + latencyDistribution.lowest());
        }
        if (latencyPs < 0) {
            throw new IllegalArgumentException("memory latency must be >= 0 ps, got " + latencyPs);
        }
        if (channels < 0) {
            throw new IllegalArgumentException("memory channels must be >= 0 (0 = no channel contention), got "
                    + channels);
        }
        if (channelBytesPerSecond <= 0) {
            throw new IllegalArgumentException("channel bandwidth must be > 0 bytes/s, got " + channelBytesPerSecond);
        }
        if (accessBytes <= 0 || accessBytes > MAX_ACCESS_BYTES) {
            throw new IllegalArgumentException("access size must be in [1, " + MAX_ACCESS_BYTES + "] bytes, got "
                    + accessBytes);
        }
        if (interleaveBytes <= 0 || Integer.bitCount(interleaveBytes) != 1) {
            throw new IllegalArgumentException("interleave granularity must be a power of two of bytes, got "
                    + interleaveBytes);
        }
        if (!(llcHitProbability >= 0 && llcHitProbability <= 1)) {
            throw new IllegalArgumentException("LLC hit probability must be in [0, 1], got " + llcHitProbability);
        }
        if (llcLatencyPs < 0) {
            throw new IllegalArgumentException("LLC latency must be >= 0 ps, got " + llcLatencyPs);
        }
        if (channels > 0 && transferPs(accessBytes, channelBytesPerSecond) == 0) {
            throw new IllegalArgumentException("channel bandwidth " + channelBytesPerSecond + " bytes/s moves "
                    + accessBytes + " bytes in under 0.5 ps; use a bandwidth below 1e14 bytes/s");
        }
    }

    /** The defaults: 80 ns, no channel contention, no LLC. */
    public static MemoryConfig defaults() {
        return fixed(DEFAULT_LATENCY_PS);
    }

    /** A fixed latency and nothing else. */
    public static MemoryConfig fixed(long latencyPs) {
        return new MemoryConfig(latencyPs, 0, DEFAULT_CHANNEL_BYTES_PER_SECOND, DEFAULT_ACCESS_BYTES,
                DEFAULT_ACCESS_BYTES, 0, DEFAULT_LLC_LATENCY_PS);
    }

    /** This configuration with {@code n} channels of {@code bytesPerSecond} each. */
    public MemoryConfig withChannels(int n, long bytesPerSecond) {
        return new MemoryConfig(latencyPs, n, bytesPerSecond, accessBytes, interleaveBytes, llcHitProbability,
                llcLatencyPs, latencyDistribution);
    }

    /** This configuration with an LLC hit probability and hit latency. */
    public MemoryConfig withLlc(double hitProbability, long hitLatencyPs) {
        return new MemoryConfig(latencyPs, channels, channelBytesPerSecond, accessBytes, interleaveBytes,
                hitProbability, hitLatencyPs, latencyDistribution);
    }

    /** This configuration with another interleave granularity (bytes, a power of two). */
    public MemoryConfig withInterleave(int bytes) {
        return new MemoryConfig(latencyPs, channels, channelBytesPerSecond, accessBytes, bytes, llcHitProbability,
                llcLatencyPs, latencyDistribution);
    }

    /** This configuration with DRAM latencies drawn from {@code spec} (null: the fixed latency). */
    public MemoryConfig withLatencyDistribution(DistributionSpec spec) {
        return new MemoryConfig(latencyPs, channels, channelBytesPerSecond, accessBytes, interleaveBytes,
                llcHitProbability, llcLatencyPs, spec);
    }

    /** Time one access occupies its channel: accessBytes / bandwidth, rounded to the nearest ps. */
    public long channelServicePs() {
        return transferPs(accessBytes, channelBytesPerSecond);
    }

    private static long transferPs(int bytes, long bytesPerSecond) {
        // bytes <= 2^20, so bytes * 1e12 < 2^60 fits a long; round half up.
        return (bytes * SimTime.S + bytesPerSecond / 2) / bytesPerSecond;
    }
}
