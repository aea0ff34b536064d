package org.iommusim.hw.device;

/**
 * A malformed line of a DMA trace ({@link TraceReader}): the message names the source, the
 * 1-based line number, the field, what was found and what is allowed, e.g.
 * {@code trace.csv line 7, field 'dir': got 'x'; allowed: r, w, read, write}. Bad user input,
 * not a programming error: a CLI reports the message (exit code 2), never a stack trace.
 */
public final class TraceFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final String field;

    public TraceFormatException(String source, long line, String field, String problem) {
        super(source + " line " + line + ", field '" + field + "': " + problem);
        this.source = source;
        this.line = line;
        this.field = field;
    }

    public String source() {
        return source;
    }

    /** 1-based line number in the source. */
    public long line() {
        return line;
    }

    /** The offending field's name ({@code time}, {@code device}, ..., or {@code line} for the field count). */
    public String field() {
        return field;
    }
}
