package org.iommusim.scenarios.schema;

import static org.iommusim.scenarios.config.Key.Kind.RATE;
import static org.iommusim.scenarios.config.Key.Kind.SIZE;

import org.iommusim.hw.workload.GuestPteWritesConfig;
import org.iommusim.scenarios.config.Key;

/**
 * One element of the {@code workloads} list: a control-plane workload (DESIGN §2) running
 * beside the devices. {@code kind} names a workload of the registry
 * {@code org.iommusim.hw.workload.ControlWorkloads}; its section holds the parameters, the other
 * sections are ignored. Defaults and provenance are those of the hardware-model records
 * ({@code GuestPteWritesConfig}, {@code RangeInvalidationsConfig}, {@code ParentChurnConfig}).
 */
public record WorkloadSpec(
        @Key(doc = "Workload name; statistics are under wl.<name>") String name,
        @Key(doc = "Which workload", values = {"guest-pte-writes", "range-invalidations", "parent-churn"}) String kind,
        @Key(doc = "IOASID it works on: a bind-invalidate IOASID (guest-pte-writes, range-invalidations) or a map-unmap parent (parent-churn)") String ioasid,
        @Key(doc = "Operations arrive as a Poisson process (else at fixed intervals)", def = "false") boolean poisson,
        @Key(doc = "Kind guest-pte-writes: a guest driver mapping and unmapping one 4 KiB buffer per I/O") GuestPteWrites guestPteWrites,
        @Key(doc = "Kind range-invalidations: periodic range invalidations") RangeInvalidations rangeInvalidations,
        @Key(doc = "Kind parent-churn: GPA pages remapped to other host pages (balloon, migration)") ParentChurn parentChurn) {

    /** {@code guestPteWrites}. */
    public record GuestPteWrites(
            @Key(doc = "Buffer maps per second (100 k IOPS with per-I/O mapping)", def = "100000/s", kind = RATE, min = "1/s", max = "1e12/s") double rate,
            @Key(doc = "Buffer slots used round robin", def = "256", unit = "slots", min = "2", max = "1048576") int slots,
            @Key(doc = "Buffers mapped at once; the oldest is unmapped first", def = "64", unit = "buffers", min = "1", max = "1048575") int live,
            @Key(doc = "IOVA of slot 0", def = "512MiB", kind = SIZE) long iovaBase,
            @Key(doc = "Guest physical address of slot 0 (mapped by the parent)", def = "8MiB", kind = SIZE) long gpaBase,
            @Key(doc = "Invalidate after a map: follow-ioasid (iff caching mode), always, never", def = "follow-ioasid") GuestPteWritesConfig.MapInvalidation mapInvalidation) {
    }

    /** {@code rangeInvalidations}. */
    public record RangeInvalidations(
            @Key(doc = "Invalidations per second", def = "1000/s", kind = RATE, min = "1/s", max = "1e12/s") double rate,
            @Key(doc = "IOVA where the invalidated ranges start", def = "0B", kind = SIZE) long start,
            @Key(doc = "Span the ranges step through round robin", def = "64MiB", kind = SIZE, min = "4KiB") long span,
            @Key(doc = "Bytes per invalidation", def = "2MiB", kind = SIZE, min = "4KiB") long range,
            @Key(doc = "Only leaves changed (the leaf hint keeps walk caches)", def = "true") boolean leafOnly,
            @Key(doc = "Issued by a guest (each costs a trap)", def = "true") boolean guest) {
    }

    /** {@code parentChurn}. */
    public record ParentChurn(
            @Key(doc = "Fraction of the region remapped per second", def = "0.01", min = "0.0000001", max = "1000000") double fractionPerSecond,
            @Key(doc = "Guest physical start of the churned region (each page its own 4 KiB mapping: eachPage)", def = "0B", kind = SIZE) long gpaBase,
            @Key(doc = "Bytes of the churned region", def = "16MiB", kind = SIZE, min = "4KiB") long bytes,
            @Key(doc = "Host physical address the region is mapped at", def = "256GiB", kind = SIZE) long hpaBase,
            @Key(doc = "Host physical address pages move to and back from (must be free)", def = "320GiB", kind = SIZE) long altHpaBase) {
    }
}
