package org.iommusim.hw.iommu.inval;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.hw.ioasid.GuestRangeCommands;

/**
 * The registry of command/invalidation queue formats — the one list of architectures the
 * queue models: Intel VT-d queued invalidation, the Arm SMMUv3 command queue and the AMD-Vi
 * command buffer. A scenario selects one with {@code iommu.invalidationQueue.format}
 * (written {@code intel-vtd}, {@code arm-smmuv3}, {@code amd-vi}); each constant holds its
 * architecture's {@link QueueFormat} record. Sources are in docs/CALIBRATION.md.
 */
public enum QueueFormats {
    /**
     * VT-d: Linux {@code QI_LENGTH} 256 descriptors of 256 bit (scalable mode); the widest
     * page-selective invalidation is 2^MAMV pages (the project's default 2^18, DESIGN §3).
     */
    INTEL_VTD(256, 32, 1L << 18, "Linux intel/iommu.h QI_LENGTH 256; 256-bit descriptors in scalable mode (VT-d §6.5.2)"),
    /**
     * SMMUv3: 16-byte commands; Linux sizes the queue min(IDR1.CMDQS, 2^16) (queue memory capped
     * at 1 MiB); hardware up to 2^19 reports the full 2^16. Range commands (RIL) are unlimited.
     */
    ARM_SMMUV3(1 << 16, 16, 1L << 62, "Linux arm-smmu-v3.c arm_smmu_device_hw_probe: max_n_shift = min(CMDQ_MAX_SZ_SHIFT, IDR1.CMDQS); CMDQ_ENT_DWORDS 2"),
    /** AMD-Vi: Linux command buffer of 512 entries × 16 B (8 KiB); a page range is unlimited (S bit). */
    AMD_VI(512, 16, 1L << 62, "Linux amd_iommu_types.h CMD_BUFFER_SIZE 8192, CMD_BUFFER_ENTRIES 512");

    private final int depth;
    private final int entryBytes;
    private final long maxRangePages;
    private final String source;

    QueueFormats(int depth, int entryBytes, long maxRangePages, String source) {
        this.depth = depth;
        this.entryBytes = entryBytes;
        this.maxRangePages = maxRangePages;
        this.source = source;
    }

    /** This architecture's queue record (its driver included). */
    public QueueFormat format() {
        return switch (this) {
            case INTEL_VTD -> new QueueFormat("Intel VT-d", depth, entryBytes, maxRangePages, InvCommand.VTD_INV_WAIT,
                    VtdDriver.INSTANCE, source);
            case ARM_SMMUV3 -> new QueueFormat("Arm SMMUv3", depth, entryBytes, maxRangePages,
                    InvCommand.SMMU_CMD_SYNC, SmmuV3Driver.INSTANCE, source);
            case AMD_VI -> new QueueFormat("AMD-Vi", depth, entryBytes, maxRangePages, InvCommand.AMD_COMPLETION_WAIT,
                    AmdViDriver.INSTANCE, source);
        };
    }

    /**
     * How a guest's own driver for this architecture encodes a range invalidation (it writes
     * what the host's driver would): one command per range on VT-d (address mask) and AMD-Vi (S
     * bit); on SMMUv3 range commands with RIL ({@code rangeInvalidation}), else one per page.
     */
    public GuestRangeCommands guestCommands(boolean rangeInvalidation) {
        if (this != ARM_SMMUV3) {
            return GuestRangeCommands.ONE_PER_RANGE;
        }
        return rangeInvalidation ? GuestRangeCommands.RANGE_COMMANDS : GuestRangeCommands.PER_PAGE;
    }

    /** The name in configuration: {@code intel-vtd}, {@code arm-smmuv3}, {@code amd-vi}. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The commands this architecture's queue carries, in declaration order. */
    public List<InvCommand> commands() {
        List<InvCommand> out = new ArrayList<>();
        for (InvCommand c : InvCommand.values()) {
            if (c.format() == this) {
                out.add(c);
            }
        }
        return out;
    }
}
