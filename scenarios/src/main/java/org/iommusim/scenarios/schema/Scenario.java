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
        @Key(doc = "Simulated time run before statistics are reset", def = "100us", kind = DURATION, min = "0ps", max = "1000s") long warmup,
        @Key(doc = "Stop measuring once the devices completed this many DMAs in total; 0 = no limit", def = "0", unit = "requests", min = "0") long maxDmas,
        @Key(doc = "Independent replications per variant (confidence intervals need 2 or more)", def = "3", min = "1", max = "1000") int replications,
        @Key(doc = "Period of the time series (IOTLB hit ratio, walks per second); 0 = none", def = "10us", kind = DURATION, min = "0ps", max = "1000s") long sampling,
        @Key(doc = "The IOMMU") IommuSpec iommu,
        @Key(doc = "The host CPU running control-plane work") HostSpec host,
        @Key(doc = "The IOASID tree, parents before children") List<IoasidSpec> ioasids,
        @Key(doc = "DMA devices") List<DeviceSpec> devices,
        @Key(doc = "Control-plane workloads") List<WorkloadSpec> workloads,
        @Key(doc = "Named sets of overrides compared side by side") List<Experiments.Variant> variants,
        @Key(doc = "Parameters swept") Experiments.Sweep sweep) {
}
