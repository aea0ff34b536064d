package org.iommusim.hw.device;

import org.iommusim.core.random.DistributionSpec;

/**
 * Optional distributions of a DMA engine's durations ({@link DmaConfig}): each, when set,
 * replaces its fixed value — {@code memoryLatency} for {@link DmaConfig#memoryLatencyPs},
 * {@code issueGap} for {@link DmaConfig#issueGapPs}, {@code completionHandling} for
 * {@link DmaConfig#completionHandlingPs} — and is drawn once per DMA from the engine's stream
 * {@code <prefix>.memory-latency}, {@code <prefix>.issue-gap} or
 * {@code <prefix>.completion-handling}. Null (the default, {@link #NONE}) keeps the fixed value
 * with no draw. Each must draw durations &gt;= 0.
 */
public record DmaDistributions(DistributionSpec memoryLatency, DistributionSpec issueGap,
                               DistributionSpec completionHandling) {
    /** No distributions: every duration is its fixed value. */
    public static final DmaDistributions NONE = new DmaDistributions(null, null, null);

    public DmaDistributions {
        check("memoryLatency", memoryLatency);
        check("issueGap", issueGap);
        check("completionHandling", completionHandling);
    }

    private static void check(String name, DistributionSpec spec) {
        if (spec != null && !(spec.lowest() >= 0)) {
            throw new IllegalArgumentException(name + " is a duration >= 0, but " + spec + " draws from "
                    + spec.lowest());
        }
    }
}
