package org.iommusim.scenarios.config;

import java.util.List;
import java.util.Map;

/**
 * A small demo schema for the config-machinery tests (a cache section, page sizes, a map of
 * IOASIDs and a list of named devices). Not the IOMMU schema: it only exercises every value
 * type the machinery supports.
 */
record DemoConfig(
        @Key(doc = "Master seed of the run", def = "1") long seed,
        @Key(doc = "Simulated time to run", def = "1ms", kind = Key.Kind.DURATION, min = "1ns") long duration,
        @Key(doc = "Translation cache") Cache cache,
        @Key(doc = "Page sizes in use", def = "[4KiB, 2MiB]", kind = Key.Kind.SIZE, min = "1", max = "3") List<Long> pageSizes,
        @Key(doc = "Address spaces by name, with their page-table levels", def = "{}") Map<String, Integer> ioasids,
        @Key(doc = "DMA devices") List<Device> devices) {

    /** The shared cache vocabulary. */
    record Cache(
            @Key(doc = "Number of entries", def = "2048", unit = "entries", min = "1", max = "1048576") int entries,
            @Key(doc = "Ways per set; 0 means fully associative", def = "4", min = "0", max = "64") int assoc,
            @Key(doc = "Replacement policy", def = "lru") Policy policy,
            @Key(doc = "Whether the cache is used", def = "true") boolean enabled,
            @Key(doc = "Hit latency", def = "2ns", kind = Key.Kind.DURATION, max = "1ms") long latency) {
        Cache {
            if (assoc > 0 && entries % assoc != 0) {
                throw new IllegalArgumentException("entries (" + entries + ") must be a multiple of assoc (" + assoc + ")");
            }
        }
    }

    enum Policy { LRU, TREE_PLRU, FIFO, RANDOM }

    enum Kind { NIC, NVME, GPU }

    /** A named device. */
    record Device(
            @Key(doc = "Device name") String name,
            @Key(doc = "Device kind", def = "nic") Kind kind,
            @Key(doc = "Name of the IOASID the device attaches to") String ioasid,
            @Key(doc = "Descriptor ring") Ring ring,
            @Key(doc = "DMA request rate", def = "1/us", kind = Key.Kind.RATE) double rate,
            @Key(doc = "Free-text label", def = Key.NONE) String label) {
    }

    /** A descriptor ring. */
    record Ring(
            @Key(doc = "Number of buffers", def = "256", min = "1", max = "65536") int buffers,
            @Key(doc = "Size of one buffer", def = "2KiB", kind = Key.Kind.SIZE, min = "64") long bufferSize) {
    }

    /** The dangling-reference rule: every device names a defined IOASID. */
    static final ConfigRule<DemoConfig> IOASID_EXISTS = (config, context) -> {
        for (Device d : config.devices()) {
            if (!config.ioasids().containsKey(d.ioasid())) {
                context.error("devices." + d.name() + ".ioasid", " names IOASID '" + d.ioasid()
                        + "', which is not defined" + Suggestions.tail(d.ioasid(), config.ioasids().keySet()));
            }
        }
    };
}
