package org.iommusim.scenarios.schema;

import static org.iommusim.scenarios.config.Key.Kind.DURATION;

import java.util.List;
import org.iommusim.scenarios.config.Key;

/**
 * The root of a scenario file: run control (seed, duration, warm-up, replications, sampling),
 * the IOMMU, the host, the IOASID tree, the devices, the control-plane workloads, and what to
 * compare (variants and sweeps). Every key is documented in {@code reference.yaml}, generated
 * from these records.
 */
public record Scenario(
        @Key(doc = "Scenario name, shown in reports; ~ = the file name", def = Key.NONE) String name,
        @Key(doc = "The question the scenario answers, shown at the top of the report", def = Key.NONE) String question,
        @Key(doc = "Master seed: every random stream derives from it", def = "1") long seed,
        @Key(doc = "Simulated time measured after the warm-up", def = "1ms", kind = DURATION, min = "1ns", max = "1000s") long duration,
        @Key(doc = "Simulated time run before statistics are reset; auto = chosen per replication by MSER-5 on a pilot run's time series (needs sampling)", def = "100us", kind = DURATION, min = "0ps", max = "1000s", auto = true) long warmup,
        @Key(doc = "Stop measuring once the devices completed this many DMAs in total; 0 = no limit", def = "0", unit = "requests", min = "0") long maxDmas,
        @Key(doc = "Independent replications per variant (confidence intervals need 2 or more); with precision, the first batch", def = "3", min = "1", max = "1000") int replications,
        @Key(doc = "Target 95% CI half-width of every headline (run.*) statistic, as a fraction of its mean: replications are added until it is met or maxReplications ran; 0 = off (exactly replications)", def = "0", min = "0", max = "1") double precision,
        @Key(doc = "Most replications per variant when precision is on", def = "30", min = "2", max = "1000") int maxReplications,
        @Key(doc = "Period of the time series (IOTLB hit ratio, walks per second); 0 = none", def = "10us", kind = DURATION, min = "0ps", max = "1000s") long sampling,
        @Key(doc = "The IOMMU") IommuSpec iommu,
        @Key(doc = "The host CPU running control-plane work") HostSpec host,
        @Key(doc = "The IOASID tree, parents before children") List<IoasidSpec> ioasids,
        @Key(doc = "DMA devices") List<DeviceSpec> devices,
        @Key(doc = "Control-plane workloads") List<WorkloadSpec> workloads,
        @Key(doc = "Named sets of overrides compared side by side") List<Experiments.Variant> variants,
        @Key(doc = "Parameters swept") Experiments.Sweep sweep) {

    /** Whether the warm-up is chosen from the data ({@code warmup: auto}). */
    public boolean autoWarmup() {
        return warmup == Key.AUTO_VALUE;
    }

    /** The most replications a variant can run: {@code maxReplications} with precision on, else {@code replications}. */
    public int replicationCap() {
        return precision > 0 ? Math.max(replications, maxReplications) : replications;
    }

    /**
     * Simulated time of one replication at most: warm-up and duration, or with an automatic
     * warm-up the pilot ({@code duration}) plus at most half of it as warm-up plus the duration.
     */
    public long simulatedPerReplication() {
        return autoWarmup() ? duration + duration / 2 + duration : warmup + duration;
    }

    /** This scenario with a fixed warm-up of {@code ps} (an automatic warm-up, once chosen). */
    public Scenario withWarmup(long ps) {
        return new Scenario(name, question, seed, duration, ps, maxDmas, replications, precision, maxReplications,
                sampling, iommu, host, ioasids, devices, workloads, variants, sweep);
    }
}
