package org.iommusim.hw.nesting;

/**
 * One way of composing an IOASID with its parent (the extension point; {@link Nesting} is the
 * registry). A strategy declares its config name, what it supports, what the IOMMU walks and
 * who classifies faults in that table, and creates each IOASID's {@link NestedTables}, which
 * carry the host-side maintenance hooks.
 */
public interface NestingStrategy {
    /** The configuration name (the {@link Nesting} constant's name in lower case). */
    String configName();

    Capabilities capabilities();

    /** What the IOMMU walks for a DMA on an IOASID using this strategy. */
    WalkShape walkShape();

    /**
     * True when the table the IOMMU walks is a host-kept copy: a miss in it may be stale, so
     * the host classifies it (which stage, which reason, or stale) and may lazily fill it.
     * False: a fault is what the walked table says.
     */
    boolean hostClassifiesFaults();

    /**
     * True when a guest's edit of its bound table reaches the table the IOMMU walks only when the
     * host syncs it (the guest's invalidation): a removed translation stays usable until then.
     * False when the IOMMU walks the guest's table itself (or there is no guest table).
     */
    boolean guestEditsWaitForHostSync();

    /** Sets up one IOASID's tables (allocations in this order: after its kernel table). */
    NestedTables create(TableContext context);
}
