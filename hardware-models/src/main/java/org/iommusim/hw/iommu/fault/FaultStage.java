package org.iommusim.hw.iommu.fault;

/**
 * Which translation stage a fault came from: stage 1 (the child table of hardware nesting),
 * stage 2 (the parent table), or a single-stage table (native or shadow). Each has a stable
 * statistic name.
 */
public enum FaultStage {
    STAGE1("stage1"),
    STAGE2("stage2"),
    SINGLE("single");

    private final String statName;

    FaultStage(String statName) {
        this.statName = statName;
    }

    public String statName() {
        return statName;
    }
}
