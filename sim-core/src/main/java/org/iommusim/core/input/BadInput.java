package org.iommusim.core.input;

/**
 * Marks an exception as bad input from the user — a scenario, a key, a value, a command-line
 * argument, a results folder — rather than a bug. The CLI prints such an exception's message
 * alone (it must name what is wrong and what is allowed) and exits with code 2; anything else is
 * an internal error. Implemented by exceptions of several modules, so they need not know the CLI.
 */
public interface BadInput {
    String getMessage();
}
