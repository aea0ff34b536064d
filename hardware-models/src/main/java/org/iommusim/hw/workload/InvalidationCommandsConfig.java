package org.iommusim.hw.workload;

import org.iommusim.core.random.DistributionSpec;
import org.iommusim.hw.iommu.inval.ExplicitInvalidation;

/**
 * Periodic explicit invalidation commands on any IOASID ({@link InvalidationCommands}): each
 * arrival writes one command of {@code command} kind (page-selective with an address mask,
 * range, PASID, domain, global, device-TLB) into the IOMMU's queue in the configured
 * architecture's format, with or without the leaf hint. Page and range commands step through
 * {@code [start, start + spanBytes)} window by window of {@code bytes}. Defaults
 * ({@link #defaults}): 1000 commands/s (the rate of {@code range-invalidations}, an assumption),
 * page-selective, 4 KiB, span 64 MiB, every PASID, leaf hint off.
 */
public record InvalidationCommandsConfig(int ioasid, ExplicitInvalidation.Kind command, long start, long spanBytes,
                                         long bytes, int pasid, boolean leafOnly, double ratePerSecond,
                                         boolean poisson, DistributionSpec interArrival) implements WorkloadConfig {
    public static final String NAME = "invalidation-commands";

    public InvalidationCommandsConfig {
        if (((start | bytes) & 0xFFF) != 0 || bytes <= 0) {
            throw new IllegalArgumentException("start and bytes must be positive multiples of 4 KiB, got start "
                    + start + ", bytes " + bytes);
        }
        if (spanBytes < bytes || spanBytes % bytes != 0) {
            throw new IllegalArgumentException("span must be a positive multiple of bytes (" + bytes + "), got "
                    + spanBytes);
        }
        boolean masked = command == ExplicitInvalidation.Kind.PAGES || command == ExplicitInvalidation.Kind.DEVICE_TLB;
        if (masked && (Long.bitCount(bytes) != 1 || (start & (bytes - 1)) != 0)) {
            throw new IllegalArgumentException("a '" + command.name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', '-') + "' command covers an address mask: bytes must be a power of two and start "
                    + "a multiple of it, got bytes " + bytes + ", start " + start);
        }
        if (command == ExplicitInvalidation.Kind.PASID && pasid < 0) {
            throw new IllegalArgumentException("a 'pasid' command needs pasid >= 0, got " + pasid);
        }
    }

    public static InvalidationCommandsConfig defaults(int ioasid) {
        return new InvalidationCommandsConfig(ioasid, ExplicitInvalidation.Kind.PAGES, 0, 64L << 20, 4096, -1, false,
                1000, false, null);
    }

    /** The request of window {@code window} (0-based). */
    ExplicitInvalidation request(long window) {
        long first = (start + window * bytes) >>> 12;
        return new ExplicitInvalidation(command, ioasid, pasid, first, bytes >>> 12, leafOnly);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ControlWorkload create(WorkloadContext ctx, String prefix) {
        return new InvalidationCommands(ctx, prefix, this);
    }
}
