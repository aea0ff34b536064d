package org.iommusim.hw.ioasid;

/** How a child IOASID is composed with its parent. */
public enum Nesting {
    /** A root IOASID: no parent. */
    NONE("none"),
    /** The IOMMU walks the child (stage 1) and translates every GPA through the parent (stage 2). */
    HARDWARE("hardware"),
    /** The kernel keeps a shadow table child∘parent that the IOMMU walks as one stage. */
    SOFTWARE("software");

    private final String configName;

    Nesting(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}
