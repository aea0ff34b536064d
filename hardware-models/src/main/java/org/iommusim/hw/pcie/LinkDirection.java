package org.iommusim.hw.pcie;

/**
 * The two independent directions of a PCIe link, seen from the device: {@link #UPSTREAM}
 * carries DMA-write data and read requests towards the root complex, {@link #DOWNSTREAM}
 * carries read completions (with data) back to the device.
 */
public enum LinkDirection {
    UPSTREAM("up"),
    DOWNSTREAM("down");

    private final String statName;

    LinkDirection(String statName) {
        this.statName = statName;
    }

    /** The statistics name segment ("up" / "down"). */
    public String statName() {
        return statName;
    }
}
