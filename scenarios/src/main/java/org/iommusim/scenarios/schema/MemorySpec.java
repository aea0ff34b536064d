package org.iommusim.scenarios.schema;

import static org.iommusim.scenarios.config.Key.Kind.DURATION;
import static org.iommusim.scenarios.config.Key.Kind.RATE;
import static org.iommusim.scenarios.config.Key.Kind.SIZE;

import org.iommusim.hw.memtiming.MemoryConfig;
import org.iommusim.scenarios.config.Key;

/**
 * The {@code iommu.memory} section: timing of page-table reads. Defaults are the architecture
 * preset's ({@code IommuSpec.of}; the generic preset's are {@link MemoryConfig#defaults()}: 80 ns,
 * no channel contention, no LLC, provenance there).
 */
public record MemorySpec(
        @Key(doc = "Unloaded latency of one 64-byte DRAM read from the uncore (Intel MLC idle latency, 70-90 ns)", kind = DURATION, min = "0ps", max = "1ms") long latency,
        @Key(doc = "Draw each DRAM read's latency from a distribution instead of latency (e.g. exponential for an M/M/1 walker); LLC hits keep llcLatency") DistributionSection latencyDistribution,
        @Key(doc = "Memory channels serving reads first come first served; 0 = no contention", unit = "channels", min = "0", max = "64") int channels,
        @Key(doc = "Bandwidth of one channel (DDR4-3200: 25.6 GB/s)", kind = RATE, min = "1/s", max = "1e13/s") double channelBandwidth,
        @Key(doc = "Bytes one page-table read fetches (a cache line)", kind = SIZE, min = "1B", max = "1MiB") long accessBytes,
        @Key(doc = "Channel interleave granularity (a power of two)", kind = SIZE, min = "1B", max = "1GiB") long interleaveBytes,
        @Key(doc = "Chance that a page-table read hits in the last-level cache", min = "0", max = "1") double llcHitProbability,
        @Key(doc = "LLC hit latency from the uncore", kind = DURATION, min = "0ps", max = "1ms") long llcLatency) {

    static MemorySpec of(MemoryConfig m) {
        return new MemorySpec(m.latencyPs(), DistributionSection.NONE, m.channels(), m.channelBytesPerSecond(), m.accessBytes(),
                m.interleaveBytes(), m.llcHitProbability(), m.llcLatencyPs());
    }

    /** The fixed part; the distribution is added when the model is built (it may name a file). */
    public MemoryConfig toConfig() {
        return new MemoryConfig(latency, channels, Math.round(channelBandwidth), (int) accessBytes, (int) interleaveBytes,
                llcHitProbability, llcLatency);
    }
}
