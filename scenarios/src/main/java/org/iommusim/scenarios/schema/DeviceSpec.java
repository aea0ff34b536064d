package org.iommusim.scenarios.schema;

import static org.iommusim.scenarios.config.Key.Kind.DURATION;
import static org.iommusim.scenarios.config.Key.Kind.SIZE;

import org.iommusim.hw.iommu.ats.AtsConfig;
import org.iommusim.hw.pcie.LinkConfig;
import org.iommusim.hw.pcie.PcieGeneration;
import org.iommusim.scenarios.config.Key;
import org.iommusim.scenarios.config.Sections;

/**
 * One element of the {@code devices} list: a PCI function issuing DMA through the IOMMU over its
 * own PCIe link. {@code kind} names a device preset of the registry
 * ({@code scenarios.model.DevicePresets}: {@code nic}, {@code nvme}, {@code gpu}, a generic
 * {@code dma} engine, a {@code trace} replay); each preset has its own section here, by its
 * name, of which the one named by {@code kind} is used (the others keep their defaults and are
 * ignored). Defaults and provenance are those of the hardware-model records ({@code NicConfig},
 * {@code NvmeConfig}, {@code GpuConfig}, {@code DmaConfig}, {@code LinkConfig}, {@code AtsConfig}).
 */
public record DeviceSpec(
        @Key(doc = "Device name; statistics are under dev.<name>") String name,
        @Key(doc = "Which preset drives the device", def = "dma", choices = PRESETS) String kind,
        @Key(doc = "PCI requester id; 0 = the device's position in the list plus one", def = "0", min = "0", max = "65535") int id,
        @Key(doc = "IOASID the device (PASID pasid) is attached to; a gpu attaches its processes' children of it") String ioasid,
        @Key(doc = "PASID of the device's DMA (0 = requests without PASID)", def = "0", min = "0", max = "1048575") int pasid,
        @Key(doc = "iommu: DMA is translated by the IOASID's tables; pass-through: identity (context lookup only, VT-d pass-through / SMMU bypass); none: no IOMMU on the device's path (the IOMMU-off baseline)", def = "iommu") Translation translation,
        @Key(doc = "The device's PCIe link") Link link,
        @Key(doc = "PCIe ATS: a translation cache on the device") Ats ats,
        @Key(doc = "The device's driver: its map path, buffer mapping, per-packet host work and unmap policy") DriverSpec driver,
        @Key(doc = "One section per device preset, under its name", sections = PRESETS) Sections presets) {

    /** The registry of device presets. */
    public static final String PRESETS = "device-preset";

    /** How the device's DMA is translated. */
    public enum Translation { IOMMU, PASS_THROUGH, NONE }

    /** The {@code link} section (defaults: gen4, the preset's width, MPS 256, MRRS 512; see LinkConfig). */
    public record Link(
            @Key(doc = "PCIe generation", def = "gen4") PcieGeneration generation,
            @Key(doc = "Lanes: 1, 2, 4, 8 or 16; 0 = the preset's (nvme x4, as real drives; the others x16)", def = "0", unit = "lanes", min = "0", max = "16") int width,
            @Key(doc = "Max payload size MPS, a power of two 128B..4KiB", def = "256B", kind = SIZE, min = "128B", max = "4KiB") long maxPayload,
            @Key(doc = "Max read request size MRRS, a power of two 128B..4KiB", def = "512B", kind = SIZE, min = "128B", max = "4KiB") long maxReadRequest,
            @Key(doc = "Read completion boundary RCB: completions split only at these boundaries, 64B or 128B", def = "64B", kind = SIZE, min = "64B", max = "128B") long readCompletionBoundary,
            @Key(doc = "Read completions are returned in chunks of this size, aligned to it: a multiple of RCB, at most MPS", def = "256B", kind = SIZE, min = "64B", max = "4KiB") long completion,
            @Key(doc = "Address width of the device's requests: 64 (4-DW request headers) or 32 (3-DW)", def = "64", unit = "bits", min = "32", max = "64") int addressBits,
            @Key(doc = "End-to-end CRC: a 4-byte digest on every TLP", def = "false") boolean ecrc,
            @Key(doc = "One-way link latency to the root port (an assumption)", def = "100ns", kind = DURATION, min = "0ps", max = "1ms") long latency,
            @Key(doc = "Posted-header credits the root port advertises: write TLPs its receive buffer holds until each is translated and forwarded; 0 = unlimited (set together with postedDataCredits; an Intel IIO x8 port advertises 32)", def = "0", unit = "credits", min = "0", max = "4096") int postedHeaderCredits,
            @Key(doc = "Posted-data credits the root port advertises, 16 B of write payload each, at least MPS/16; 0 = unlimited (an Intel IIO x8 port advertises 160)", def = "0", unit = "credits", min = "0", max = "65536") int postedDataCredits,
            @Key(doc = "Non-posted-header credits the root port advertises: read request TLPs its receive buffer holds until each is translated and forwarded; a read needs one per MRRS request as well as a tag. 0 = the link's default: an Intel IIO gen2 port's 4.5 per lane (36 at x8), scaled with the lane's data rate (71 at gen3 x8 and gen4 x4, 284 at gen4 x16)", def = "0", unit = "credits", min = "0", max = "4096") int nonPostedHeaderCredits) {

        /** The link, with {@code presetWidth} lanes when {@code width} is 0. */
        public LinkConfig toConfig(int presetWidth) {
            if (addressBits != 32 && addressBits != 64) {
                throw new IllegalArgumentException("addressBits must be 32 or 64, got " + addressBits);
            }
            return new LinkConfig(generation, width == 0 ? presetWidth : width, (int) maxPayload, (int) maxReadRequest,
                    (int) readCompletionBoundary, (int) completion, addressBits == 64 ? 16 : 12, ecrc, latency,
                    postedHeaderCredits, postedDataCredits, nonPostedHeaderCredits);
        }
    }

    /**
     * Whether the device uses ATS: {@code ats.enabled} when set, else its preset's default
     * ({@code usesAtsByDefault} of its {@code kind}).
     */
    public boolean atsEnabled(java.util.function.Predicate<String> usesAtsByDefault) {
        return ats.enabled() != null ? ats.enabled() : usesAtsByDefault.test(kind);
    }

    /** The {@code ats} section. */
    public record Ats(
            @Key(doc = "Whether the device caches translations (ATS); ~ = the preset's (gpu: on, as GPUs using shared virtual addressing do; the others: off)", def = Key.NONE) Boolean enabled,
            @Key(doc = "The device's ATS translation cache") AtcSpec atc,
            @Key(doc = "One-way latency of a translation request or completion through the root complex (an assumption)", def = "250ns", kind = DURATION, min = "0ps", max = "1ms") long linkLatency,
            @Key(doc = "Pending-miss entries of the ATC: ATS translation requests the device keeps outstanding, one per page; a later miss to that page waits for its answer (merged, hit under miss), a miss to another page while all are taken waits for one; 0 = none (every miss sends its own request). An assumption: gem5's TBU xlate_slots", def = "16", unit = "requests", min = "0", max = "4096") int pendingMisses) {

        public AtsConfig toConfig() {
            return new AtsConfig(atc.toConfig(), linkLatency, pendingMisses);
        }
    }
}
