package org.iommusim.core.results;

import java.util.Objects;

/**
 * Something about a variant's run its figures alone do not say: {@code kind} is
 * {@link #SATURATED} (a resource busy at least 98% of the time with a growing or full wait
 * queue) or {@link #GROWING_QUEUE} (a wait queue still growing at the end of the run: no steady
 * state); {@code resource} names it (e.g. {@code host.cpu}); {@code message} is a full sentence
 * naming the resource, the variant and the figures. Found by {@link RunWarnings}.
 */
public record RunWarning(String kind, String resource, String message) {
    public static final String SATURATED = "saturated";
    public static final String GROWING_QUEUE = "growing-queue";

    public RunWarning {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(message, "message");
    }
}
