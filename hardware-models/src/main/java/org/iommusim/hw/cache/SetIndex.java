package org.iommusim.hw.cache;

/**
 * How a set-associative structure picks the set of a tag (a page number or address prefix):
 * {@code set = index(tag) mod sets}. Implementations are pure functions, registered by name in
 * {@link SetIndexes}.
 */
@FunctionalInterface
public interface SetIndex {
    /** The set, in {@code [0, sets)}, of {@code tag} for a structure of {@code 2^bits} sets. */
    int setOf(long tag, int bits);
}
