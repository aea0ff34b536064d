package org.iommusim.hw.ioasid;

/** How an IOASID's table is managed; fixed when the IOASID is allocated. */
public enum Mode {
    /** Host-managed: the kernel owns the table; users call map and unmap. */
    MAP_UNMAP("map-unmap"),
    /** User-managed: the table lives in the user's (guest) memory; users bind and invalidate. */
    BIND_INVALIDATE("bind-invalidate");

    private final String configName;

    Mode(String configName) {
        this.configName = configName;
    }

    /** The stable configuration name. */
    public String configName() {
        return configName;
    }
}
