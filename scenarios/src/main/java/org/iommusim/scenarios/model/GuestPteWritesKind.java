package org.iommusim.scenarios.model;

import static org.iommusim.scenarios.config.Key.Kind.RATE;
import static org.iommusim.scenarios.config.Key.Kind.SIZE;

import org.iommusim.hw.pagetable.Prot;
import org.iommusim.core.random.DistributionSpec;
import org.iommusim.hw.workload.ControlWorkload;
import org.iommusim.hw.workload.GuestPteWritesConfig;
import org.iommusim.hw.workload.WorkloadContext;
import org.iommusim.scenarios.config.Key;

/**
 * The {@code guest-pte-writes} workload ({@code GuestPteWrites}) on a bind-invalidate IOASID.
 * Defaults are {@link GuestPteWritesConfig#defaults}; the buffer addresses are this layer's.
 */
final class GuestPteWritesKind implements WorkloadKind<GuestPteWritesKind.Spec> {
    /** The {@code guestPteWrites} section. */
    record Spec(
            @Key(doc = "Buffer maps per second (100 k IOPS with per-I/O mapping)", kind = RATE, min = "1/s", max = "1e12/s") double rate,
            @Key(doc = "Buffer slots used round robin", unit = "slots", min = "2", max = "1048576") int slots,
            @Key(doc = "Buffers mapped at once; the oldest is unmapped first", unit = "buffers", min = "1", max = "1048575") int live,
            @Key(doc = "IOVA of slot 0", kind = SIZE) long iovaBase,
            @Key(doc = "Guest physical address of slot 0 (mapped by the parent)", kind = SIZE) long gpaBase,
            @Key(doc = "Invalidate after a map: follow-ioasid (iff caching mode), always, never") GuestPteWritesConfig.MapInvalidation mapInvalidation) {

        static Spec defaults() {
            GuestPteWritesConfig c = GuestPteWritesConfig.defaults(0, 512L << 20, 8L << 20);
            return new Spec(c.ratePerSecond(), c.slots(), c.live(), c.iovaBase(), c.gpaBase(), c.mapInvalidation());
        }
    }

    @Override
    public String name() {
        return GuestPteWritesConfig.NAME;
    }

    @Override
    public String doc() {
        return "a guest driver mapping and unmapping one 4 KiB buffer per I/O";
    }

    @Override
    public Class<Spec> section() {
        return Spec.class;
    }

    @Override
    public ControlWorkload create(WorkloadContext ctx, String prefix, Spec g, int ioasid, boolean poisson,
                                  DistributionSpec interArrival) {
        return new GuestPteWritesConfig(ioasid, g.iovaBase(), g.gpaBase(), g.slots(), g.live(), g.rate(), poisson,
                g.mapInvalidation(), Prot.RW, interArrival).create(ctx, prefix);
    }
}
