package org.iommusim.hw.iommu.inval;

/**
 * One architecture's command/invalidation queue as hardware and its Linux driver use it — the
 * one record per architecture that holds its defaults (listed in {@link QueueFormats}; the
 * architecture presets take their queue defaults from here).
 *
 * @param architecture   the architecture's name in prose ("Intel VT-d", ...)
 * @param linuxDepth     entries of the queue as Linux allocates it
 * @param entryBytes     bytes per entry (descriptor or command)
 * @param maxRangePages  widest page range one range command covers before the driver falls
 *                       back to a wider scope (VT-d: 2^MAMV; unlimited formats: 2^62)
 * @param waitCommand    the command that ends a batch and signals completion
 * @param driver         what the architecture's Linux driver submits per control-plane operation
 * @param source         where {@code linuxDepth} and {@code entryBytes} come from
 *
 * <p>Processing times are not per format: no vendor publishes them for any of the three, so
 * the same assumed cost per {@link InvKind} applies ({@link InvQueueConfig}).
 */
public record QueueFormat(String architecture, int linuxDepth, int entryBytes, long maxRangePages, InvCommand waitCommand,
                          QueueDriver driver, String source) {
    public QueueFormat {
        if (linuxDepth < 2 || entryBytes < 1 || maxRangePages < 1 || Long.bitCount(maxRangePages) != 1) {
            throw new IllegalArgumentException("bad queue format " + architecture);
        }
    }
}
