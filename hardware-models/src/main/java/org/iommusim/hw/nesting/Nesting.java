package org.iommusim.hw.nesting;

/**
 * The registry of nesting strategies: the one list, one constant per strategy. The
 * configuration name is the constant's name in lower case (the schema binds this enum), and
 * equals the strategy's {@link NestingStrategy#configName()}.
 */
public enum Nesting {
    /** A root IOASID: no parent; the IOMMU walks its kernel table. */
    NONE(new SingleStage()),
    /** The IOMMU walks the child (stage 1) and translates every GPA through the parent (stage 2). */
    HARDWARE(new HardwareNesting()),
    /** The kernel keeps a shadow table child∘parent that the IOMMU walks as one stage. */
    SOFTWARE(new SoftwareShadow());

    private final NestingStrategy strategy;

    Nesting(NestingStrategy strategy) {
        this.strategy = strategy;
    }

    public NestingStrategy strategy() {
        return strategy;
    }

    /** The stable configuration name. */
    public String configName() {
        return strategy.configName();
    }

    public Capabilities capabilities() {
        return strategy.capabilities();
    }

    public WalkShape walkShape() {
        return strategy.walkShape();
    }
}
