package org.iommusim.hw.device;

import org.iommusim.core.kernel.SimTime;

/**
 * Shape of one DMA engine ({@link DmaEngine}). Defaults and provenance:
 * <ul>
 *   <li>{@code requestBytes} = 4096: one page, the NVMe and page-cache I/O unit.</li>
 *   <li>{@code readFraction} = 1.0: every request a DMA read (device reads memory — a TX or
 *       NVMe write path); 0 = all DMA writes.</li>
 *   <li>{@code maxOutstanding} = 64 PCIe tags: requests in flight at once. 8-bit tags allow
 *       256, 10-bit tags 768; 64 is of the order of what NICs and SSDs keep in flight per
 *       function (an assumption of this project).</li>
 *   <li>{@code pasidBase} = 0, {@code pasidCount} = 1: request i uses PASID
 *       {@code pasidBase + i mod pasidCount} (round-robin over the device's address spaces).</li>
 *   <li>{@code memoryLatencyPs} = 80 ns: the DRAM access of the data after translation (the
 *       same order as the memory model's default; data accesses do not use the memory model's
 *       channels here).</li>
 *   <li>{@code issueGapPs} = 0: the engine's own per-DMA overhead — at most one DMA starts per
 *       gap (descriptor fetch and request generation of a DMA engine); 0 = the engine is limited
 *       only by its tags and the link. Set it from a device's datasheet DMA rate.</li>
 *   <li>{@code completionHandlingPs} = 0: the time the device needs to consume a read's
 *       completions (move the data into its own memory, signal the requester) after the last
 *       completion has arrived; the read holds its tag meanwhile. 0 = the tag comes back when
 *       the completions have arrived.</li>
 *   <li>{@code requestOccupancyPs} = 0: the device's own time per request TLP — its DMA engine's
 *       request-issue limit: every request TLP it sends (read request or write, translated or not)
 *       holds the device's serial {@link RequestStream} this long, so the device issues at most
 *       one request TLP per this time; an IOTLB miss holds the same stream for the IOMMU's miss
 *       occupancy more. Throughput, not latency. 0 = no limit of its own (tags, credits and link
 *       bound it). Set it from a device's measured or documented request rate.</li>
 * </ul>
 * {@code distributions} ({@link DmaDistributions}, default none) optionally draws the memory
 * latency, issue gap and completion handling per DMA instead of using the fixed values.
 * Translations are per request TLP ({@link DmaEngine}): a write is translated once per MPS
 * block, a read once per MRRS block.
 */
public record DmaConfig(int requestBytes, double readFraction, int maxOutstanding, int pasidBase, int pasidCount,
                        long memoryLatencyPs, long issueGapPs, long completionHandlingPs, long requestOccupancyPs,
                        DmaDistributions distributions) {
    /** Fixed durations only ({@link DmaDistributions#NONE}), no time per request of its own. */
    public DmaConfig(int requestBytes, double readFraction, int maxOutstanding, int pasidBase, int pasidCount,
                     long memoryLatencyPs, long issueGapPs, long completionHandlingPs) {
        this(requestBytes, readFraction, maxOutstanding, pasidBase, pasidCount, memoryLatencyPs, issueGapPs,
                completionHandlingPs, 0, DmaDistributions.NONE);
    }

    /** No time per request of its own ({@code requestOccupancyPs} 0). */
    public DmaConfig(int requestBytes, double readFraction, int maxOutstanding, int pasidBase, int pasidCount,
                     long memoryLatencyPs, long issueGapPs, long completionHandlingPs, DmaDistributions distributions) {
        this(requestBytes, readFraction, maxOutstanding, pasidBase, pasidCount, memoryLatencyPs, issueGapPs,
                completionHandlingPs, 0, distributions);
    }

    public DmaConfig {
        if (distributions == null) {
            throw new IllegalArgumentException("distributions must not be null (DmaDistributions.NONE for none)");
        }
        if (requestBytes < 1) {
            throw new IllegalArgumentException("requestBytes must be >= 1, got " + requestBytes);
        }
        if (!(readFraction >= 0 && readFraction <= 1)) {
            throw new IllegalArgumentException("readFraction must be in [0, 1], got " + readFraction);
        }
        if (maxOutstanding < 1) {
            throw new IllegalArgumentException("maxOutstanding must be >= 1, got " + maxOutstanding);
        }
        if (pasidBase < 0 || pasidCount < 1) {
            throw new IllegalArgumentException("need pasidBase >= 0 and pasidCount >= 1, got " + pasidBase + ", "
                    + pasidCount);
        }
        if (memoryLatencyPs < 0) {
            throw new IllegalArgumentException("memoryLatencyPs must be >= 0, got " + memoryLatencyPs);
        }
        if (issueGapPs < 0) {
            throw new IllegalArgumentException("issueGapPs must be >= 0, got " + issueGapPs);
        }
        if (completionHandlingPs < 0) {
            throw new IllegalArgumentException("completionHandlingPs must be >= 0, got " + completionHandlingPs);
        }
        if (requestOccupancyPs < 0) {
            throw new IllegalArgumentException("requestOccupancyPs must be >= 0, got " + requestOccupancyPs);
        }
    }

    /** The documented defaults. */
    public static DmaConfig defaults() {
        return new DmaConfig(4096, 1.0, 64, 0, 1, 80 * SimTime.NS, 0, 0);
    }

    public DmaConfig withRequestBytes(int bytes) {
        return new DmaConfig(bytes, readFraction, maxOutstanding, pasidBase, pasidCount, memoryLatencyPs, issueGapPs, completionHandlingPs, requestOccupancyPs, distributions);
    }

    public DmaConfig withReadFraction(double fraction) {
        return new DmaConfig(requestBytes, fraction, maxOutstanding, pasidBase, pasidCount, memoryLatencyPs, issueGapPs, completionHandlingPs, requestOccupancyPs, distributions);
    }

    public DmaConfig withMaxOutstanding(int tags) {
        return new DmaConfig(requestBytes, readFraction, tags, pasidBase, pasidCount, memoryLatencyPs, issueGapPs, completionHandlingPs, requestOccupancyPs, distributions);
    }

    public DmaConfig withPasids(int base, int count) {
        return new DmaConfig(requestBytes, readFraction, maxOutstanding, base, count, memoryLatencyPs, issueGapPs, completionHandlingPs, requestOccupancyPs, distributions);
    }

    public DmaConfig withMemoryLatency(long ps) {
        return new DmaConfig(requestBytes, readFraction, maxOutstanding, pasidBase, pasidCount, ps, issueGapPs, completionHandlingPs, requestOccupancyPs, distributions);
    }

    public DmaConfig withCompletionHandling(long ps) {
        return new DmaConfig(requestBytes, readFraction, maxOutstanding, pasidBase, pasidCount, memoryLatencyPs, issueGapPs, ps, requestOccupancyPs, distributions);
    }

    /** This configuration with {@code d} as its duration distributions. */
    public DmaConfig withDistributions(DmaDistributions d) {
        return new DmaConfig(requestBytes, readFraction, maxOutstanding, pasidBase, pasidCount, memoryLatencyPs, issueGapPs,
                completionHandlingPs, requestOccupancyPs, d);
    }

    public DmaConfig withIssueGap(long ps) {
        return new DmaConfig(requestBytes, readFraction, maxOutstanding, pasidBase, pasidCount, memoryLatencyPs, ps, completionHandlingPs, requestOccupancyPs, distributions);
    }

    /** This configuration with {@code ps} of the device's own time per request TLP. */
    public DmaConfig withRequestOccupancy(long ps) {
        return new DmaConfig(requestBytes, readFraction, maxOutstanding, pasidBase, pasidCount, memoryLatencyPs, issueGapPs,
                completionHandlingPs, ps, distributions);
    }
}
