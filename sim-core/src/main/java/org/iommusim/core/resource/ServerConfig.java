package org.iommusim.core.resource;

/**
 * Shape of a {@link FifoServer}: {@code servers} identical slots (walker slots, cores) and a
 * waiting room of {@code queueCapacity} requests (0 = none: a request finding every slot busy
 * is rejected; {@link #UNBOUNDED} = effectively infinite).
 */
public record ServerConfig(int servers, int queueCapacity) {
    /** A queue capacity no run reaches (storage grows on demand). */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    public ServerConfig {
        if (servers < 1) {
            throw new IllegalArgumentException("a server needs at least 1 slot, got " + servers);
        }
        if (queueCapacity < 0) {
            throw new IllegalArgumentException("queue capacity must be >= 0, got " + queueCapacity);
        }
    }

    /** {@code servers} slots with an unbounded waiting queue. */
    public static ServerConfig unbounded(int servers) {
        return new ServerConfig(servers, UNBOUNDED);
    }
}
