package org.iommusim.scenarios.config;

import org.iommusim.core.input.BadInput;
import java.util.List;

/**
 * Bad configuration input: carries every {@link Diagnostic} found (up to
 * {@link Diagnostics#LIMIT}); the message is the formatted list, one diagnostic per line, ready
 * to print without a stack trace (the CLI exits with code 2).
 *
 * <p>Unchecked so that loaders and validation callbacks compose without throws clauses. It is
 * never used for programming errors in a schema declaration (those are
 * {@link IllegalArgumentException}s at schema construction).
 */
public final class ConfigException extends RuntimeException implements BadInput {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;
    private final int omitted;

    public ConfigException(List<Diagnostic> diagnostics, int omitted) {
        super(format(diagnostics, omitted), null, false, false);
        if (diagnostics.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one diagnostic");
        }
        this.diagnostics = List.copyOf(diagnostics);
        this.omitted = omitted;
    }

    public ConfigException(Diagnostic diagnostic) {
        this(List.of(diagnostic), 0);
    }

    /** The diagnostics kept (at most {@link Diagnostics#LIMIT}). */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** How many further diagnostics were found but not kept. */
    public int omitted() {
        return omitted;
    }

    private static String format(List<Diagnostic> diagnostics, int omitted) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(d);
        }
        if (omitted > 0) {
            sb.append("\n... and ").append(omitted).append(" more error").append(omitted == 1 ? "" : "s");
        }
        return sb.toString();
    }
}
