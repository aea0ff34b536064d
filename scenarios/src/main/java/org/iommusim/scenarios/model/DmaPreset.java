package org.iommusim.scenarios.model;

import static org.iommusim.scenarios.config.Key.Kind.DURATION;
import static org.iommusim.scenarios.config.Key.Kind.RATE;
import static org.iommusim.scenarios.config.Key.Kind.SIZE;

import java.util.Map;
import org.iommusim.core.random.DistributionSpec;
import org.iommusim.hw.device.AddressPatterns;
import org.iommusim.hw.device.DmaConfig;
import org.iommusim.hw.device.DmaDistributions;
import org.iommusim.hw.device.DmaEngine;
import org.iommusim.hw.device.IssueMode;
import org.iommusim.hw.device.PatternSpec;
import org.iommusim.scenarios.config.Key;
import org.iommusim.scenarios.schema.DistributionSection;
import org.iommusim.scenarios.schema.InterArrivalSpec;

/**
 * The {@code dma} preset: a generic {@link DmaEngine} issuing closed-loop (a fixed number
 * outstanding) or open-loop (arrivals at a rate) over an address pattern of the registry
 * {@link AddressPatterns}, cycling through {@code pasidCount} PASIDs of the device's IOASID.
 * Engine defaults are {@link DmaConfig#defaults()}, the Zipf skew
 * {@link PatternSpec#DEFAULT_ZIPF_EXPONENT}; the issue mode, rate, queue depth and working set
 * are this layer's (assumptions: a small closed loop over 16 MiB).
 */
final class DmaPreset implements DevicePreset<DmaPreset.Spec> {
    /** The {@code dma} section. */
    record Spec(
            @Key(doc = "Bytes per request", kind = SIZE, min = "1B", max = "1GiB") long requestBytes,
            @Key(doc = "DMA reads among requests (1 = all reads)", min = "0", max = "1") double readFraction,
            @Key(doc = "PCIe tags: requests in flight at most", unit = "tags", min = "1", max = "65536") int maxOutstanding,
            @Key(doc = "PASIDs used round robin from the device's pasid (pasid, pasid + 1, ...); each is attached to the device's IOASID", min = "1", max = "65536") int pasidCount,
            @Key(doc = "DRAM access time of the data after translation", kind = DURATION, min = "0ps", max = "1ms") long memoryLatency,
            @Key(doc = "Draw the data access time per DMA from a distribution instead of memoryLatency") DistributionSection memoryLatencyDistribution,
            @Key(doc = "The engine's per-DMA overhead: at most one DMA starts per gap; 0 = limited only by tags and link", kind = DURATION, min = "0ps", max = "1ms") long issueGap,
            @Key(doc = "Draw the gap after each DMA start from a distribution instead of issueGap (the device's think time)") DistributionSection issueGapDistribution,
            @Key(doc = "Time the device needs to consume a read's completions after the last has arrived; the read holds its tag meanwhile (0 = none)", kind = DURATION, min = "0ps", max = "1ms") long completionHandling,
            @Key(doc = "Draw each read's completion handling from a distribution instead of completionHandling") DistributionSection completionHandlingDistribution,
            @Key(doc = "The device's own time per request TLP (its DMA engine's request-issue limit): every request TLP it sends, read or write, translated or not, holds its serial request stream this long, and an IOTLB miss holds it for iommu.pipeline.missOccupancy more; throughput, not latency; 0 = no limit of its own", kind = DURATION, min = "0ps", max = "1ms") long requestOccupancy,
            @Key(doc = "closed: keep queueDepth requests outstanding; open: arrivals at rate", values = {"closed", "open"}) String issue,
            @Key(doc = "Requests outstanding in closed issue", min = "1", max = "65536") int queueDepth,
            @Key(doc = "Arrival rate in open issue", kind = RATE, min = "1/s", max = "1e12/s") double rate,
            @Key(doc = "Open-issue arrivals are a Poisson process (else fixed intervals)") boolean poisson,
            @Key(doc = "Open issue: time between arrivals drawn from a distribution instead (rate and poisson are then unused)") InterArrivalSpec interArrival,
            @Key(doc = "Address pattern", choices = Extensions.ADDRESS_PATTERNS) String pattern,
            @Key(doc = "IOVA of the working set", kind = SIZE) long base,
            @Key(doc = "Working-set size (a multiple of requestBytes)", kind = SIZE, min = "1B") long span,
            @Key(doc = "Distance between consecutive requests of strided and cyclic; 0 = the larger of requestBytes and 4 KiB", kind = SIZE, min = "0B") long stride,
            @Key(doc = "Skew of the zipf pattern (YCSB default 0.99)", min = "0.000001", max = "100") double zipfExponent) {

        static Spec defaults() {
            DmaConfig c = DmaConfig.defaults();
            return new Spec(c.requestBytes(), c.readFraction(), c.maxOutstanding(), c.pasidCount(), c.memoryLatencyPs(),
                    DistributionSection.NONE, c.issueGapPs(), DistributionSection.NONE, c.completionHandlingPs(),
                    DistributionSection.NONE, c.requestOccupancyPs(), "closed", 8, 1e6, true, new InterArrivalSpec(null, Map.of()), "uniform", 256L << 20, 16L << 20, 0,
                    PatternSpec.DEFAULT_ZIPF_EXPONENT);
        }
    }

    @Override
    public String name() {
        return "dma";
    }

    @Override
    public String doc() {
        return "a generic DMA engine with an address pattern";
    }

    @Override
    public Class<Spec> section() {
        return Spec.class;
    }

    @Override
    public Devices.Built build(Build b, Spec m) {
        Wiring w = b.w();
        int ioasid = b.attach();
        String p = b.path() + ".dma";
        int pasid0 = b.d().pasid();
        for (int i = 1; i < m.pasidCount(); i++) { // the further PASIDs it cycles through share the device's IOASID
            int pasid = pasid0 + i;
            w.at().ok(p + ".pasidCount", "attaching device " + b.id() + " PASID " + pasid + " (pasid + "
                    + i + ")", w.spaces().controlPlane().attach(b.id(), pasid, ioasid));
        }
        int bytes = Math.toIntExact(m.requestBytes());
        DmaDistributions draws = new DmaDistributions(
                w.distribution(p + ".memoryLatencyDistribution", m.memoryLatencyDistribution()),
                w.distribution(p + ".issueGapDistribution", m.issueGapDistribution()),
                w.distribution(p + ".completionHandlingDistribution", m.completionHandlingDistribution()));
        DmaConfig config = w.at().build(p, () -> new DmaConfig(bytes, m.readFraction(), m.maxOutstanding(), pasid0,
                m.pasidCount(), m.memoryLatency(), m.issueGap(), m.completionHandling(), m.requestOccupancy(), draws));
        DistributionSpec interArrival = w.at().build(p + ".interArrival", () -> m.interArrival().toSpec(b.baseDir()));
        IssueMode mode = w.at().build(p, () -> "open".equals(m.issue())
                ? new IssueMode.OpenLoop(m.rate(), m.poisson(), interArrival) : new IssueMode.ClosedLoop(m.queueDepth()));
        long stride = m.stride() == 0 ? Math.max(PatternSpec.DEFAULT_STRIDE, bytes) : m.stride();
        PatternSpec pattern = w.at().build(p, () -> new PatternSpec(m.pattern(), m.base(), m.span(), bytes, stride,
                m.zipfExponent()));
        DmaEngine engine = w.at().build(p, () -> new DmaEngine(w.sim(), w.stats(), w.streams(), b.prefix(), b.id(),
                config, mode, AddressPatterns.create(pattern, w.streams().stream(b.prefix() + ".address")), b.iommu(),
                b.link()));
        return Devices.of(engine, engine::start);
    }
}
