package org.iommusim.hw.device;

import org.iommusim.core.random.Delay;
import org.iommusim.core.random.RandomStreams;

/**
 * The per-DMA delays of a {@link DmaEngine}'s DMAs: the issue gap (its per-DMA overhead), the
 * data access and a read's completion handling — each the fixed {@link DmaConfig} value or, when
 * {@link DmaDistributions} gives it a distribution, drawn per use from its own named stream
 * ({@code <prefix>.issue-gap}, {@code .memory-latency}, {@code .completion-handling}).
 * Built once per engine; a draw allocates nothing.
 */
final class DmaDelays {
    final Delay issueGap;
    final Delay memoryLatency;
    final Delay completionHandling;

    DmaDelays(DmaConfig config, RandomStreams streams, String prefix) {
        DmaDistributions d = config.distributions();
        this.memoryLatency = Delay.of(config.memoryLatencyPs(), d.memoryLatency(), streams, prefix + ".memory-latency");
        this.issueGap = Delay.of(config.issueGapPs(), d.issueGap(), streams, prefix + ".issue-gap");
        this.completionHandling = Delay.of(config.completionHandlingPs(), d.completionHandling(), streams,
                prefix + ".completion-handling");
    }
}
