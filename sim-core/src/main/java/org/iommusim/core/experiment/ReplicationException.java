package org.iommusim.core.experiment;

/**
 * A replication failed (its model threw) or the experiment was interrupted. The message names
 * the replication index and master seed; the cause is the model's exception.
 */
public final class ReplicationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int index;

    public ReplicationException(int index, String message, Throwable cause) {
        super(message, cause);
        this.index = index;
    }

    /** Index of the replication that failed, or -1 if the experiment was interrupted. */
    public int index() {
        return index;
    }
}
