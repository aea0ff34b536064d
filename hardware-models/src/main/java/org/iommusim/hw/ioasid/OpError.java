package org.iommusim.hw.ioasid;

/** A rejected control-plane operation: the error code and a message naming IOASID, range and rule. */
public record OpError(Errno errno, String message) {
    /** Formats the message with {@link String#format}. */
    public static OpError of(Errno errno, String format, Object... args) {
        return new OpError(errno, String.format(format, args));
    }

    @Override
    public String toString() {
        return errno + ": " + message;
    }
}
