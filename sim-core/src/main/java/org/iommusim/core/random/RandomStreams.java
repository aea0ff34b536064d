package org.iommusim.core.random;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The random streams of one replication of one run: {@link #stream(String)} returns the stream
 * of that name, created on first use and the same object afterwards.
 *
 * <p>A stream's seed depends only on (master seed, name, replication) — see
 * {@link Seeds#streamSeed} — so adding, removing or reordering streams never changes another
 * stream's numbers, and replication k uses "substream" k of every stream. One instance belongs
 * to one simulation run (single-threaded, like the event loop); it has no static state.
 *
 * <p>Does not model: sharing a stream between runs, or thread safety.
 */
public final class RandomStreams {
    private final long masterSeed;
    private final int replication;
    private final TreeMap<String, RandomStream> streams = new TreeMap<>();

    public RandomStreams(long masterSeed, int replication) {
        if (replication < 0) {
            throw new IllegalArgumentException("replication index must be >= 0, got " + replication);
        }
        this.masterSeed = masterSeed;
        this.replication = replication;
    }

    /** The stream called {@code name} (non-blank, e.g. {@code device0.arrivals}). */
    public RandomStream stream(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a random stream needs a non-blank name");
        }
        RandomStream s = streams.get(name);
        if (s == null) {
            s = new RandomStream(name, replication, Seeds.streamSeed(masterSeed, name, replication));
            streams.put(name, s);
        }
        return s;
    }

    /** The same streams for another replication (fresh generators, same master seed). */
    public RandomStreams forReplication(int k) {
        return new RandomStreams(masterSeed, k);
    }

    public long masterSeed() {
        return masterSeed;
    }

    public int replication() {
        return replication;
    }

    /** Names of the streams created so far, sorted (for recording what a run drew from). */
    public SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(streams.keySet()));
    }
}
