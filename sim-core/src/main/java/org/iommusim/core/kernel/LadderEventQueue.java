package org.iommusim.core.kernel;

import java.util.Arrays;

/**
 * The default future-event set: a {@link HeapEventQueue} while the population is small, a ladder
 * queue (Tang, Goh &amp; Thng, ACM TOMACS 15(3), 2005) with O(1) amortised cost per event once
 * more than {@code switchUp} events are pending, and back to the plain heap when fewer than
 * {@code switchDown} remain.
 *
 * <p>Structure in ladder mode: every pending event with time {@code <= nearLast} sits in the
 * <em>bottom</em>, a small {@link HeapEventQueue}; later ones sit unsorted in the buckets of up
 * to {@value #MAX_DEPTH} <em>rungs</em> ({@link LadderRung}), each finer rung covering the one
 * bucket of its parent that is being consumed, and beyond the coarsest rung in the unsorted
 * <em>top</em> list. When the bottom runs empty the next non-empty bucket of the finest rung
 * is moved into it, or split into a finer rung when it holds more than {@value #SPAWN}
 * entries; when every rung is consumed a new rung is laid over the top's time range.
 * Differences from the paper: the bottom is a heap rather than a sorted list (so a bucket
 * that cannot be split, e.g. many events at one instant, costs O(log k) and never O(k));
 * bucket widths are powers of two (a shift, not a division); past {@value #MAX_DEPTH} rungs a
 * bucket goes to the bottom whatever its size. The thresholds only move cost, never order:
 * below {@code switchUp} the plain heap is fastest because its arrays stay in cache.
 *
 * <p>Determinism: placement depends on time alone, every event in the bottom is earlier than
 * every event outside it, and the bottom orders by (time, order), so events leave in exactly
 * the order of {@link HeapEventQueue} (time, then priority, then insertion), whatever the mode
 * and whenever it switches. Cancellation is lazy as in the heap: an entry outside the bottom
 * is live only while its event is pending with the entry's order key; stale entries are dropped
 * when met and compacted away when they outnumber live ones, so memory stays O(pending).
 * Entries live in a {@link LadderPool}, so nothing is allocated per event in steady state.
 */
public final class LadderEventQueue implements EventQueue {
    /** Default population above which the heap turns into a ladder (see docs/PERFORMANCE.md). */
    public static final int DEFAULT_SWITCH_UP = 8192;
    /** Default population below which the ladder folds back into the heap. */
    public static final int DEFAULT_SWITCH_DOWN = 2048;
    static final int SPAWN = 64;
    static final int MAX_DEPTH = 8;

    private final int switchUp;
    private final int switchDown;
    private final HeapEventQueue bottom = new HeapEventQueue(256);
    /** Events at or before this instant are in the bottom; Long.MAX_VALUE in heap mode. */
    private long nearLast = Long.MAX_VALUE;
    /** Ladder mode (nearLast alone cannot tell: a ladder's bottom may reach the last instant too). */
    private boolean ladder;
    private final LadderRung[] rungs = new LadderRung[MAX_DEPTH];
    private int depth;
    private int topHead = -1;
    private long topMin = Long.MAX_VALUE;
    private long topMax = Long.MIN_VALUE;
    private int liveFar;      // pending events in rungs and top
    private int staleFar;     // cancelled entries still linked in rungs or top
    private final LadderPool pool = new LadderPool();

    public LadderEventQueue() {
        this(DEFAULT_SWITCH_UP, DEFAULT_SWITCH_DOWN);
    }

    /**
     * @param switchUp   population above which the heap becomes a ladder ({@code Integer.MAX_VALUE}: never)
     * @param switchDown population below which the ladder folds back into the heap; must be below switchUp
     */
    public LadderEventQueue(int switchUp, int switchDown) {
        if (switchUp < 1 || switchDown < 0 || switchDown >= switchUp) {
            throw new IllegalArgumentException("ladder thresholds need 0 <= switchDown < switchUp, got switchDown="
                    + switchDown + " switchUp=" + switchUp);
        }
        this.switchUp = switchUp;
        this.switchDown = switchDown;
        for (int i = 0; i < MAX_DEPTH; i++) {
            rungs[i] = new LadderRung();
        }
    }

    /** Whether the queue is currently in ladder mode (for tests and diagnostics). */
    public boolean isLadder() {
        return ladder;
    }

    @Override
    public void add(Event e) {
        if (!ladder) { // heap mode: the one extra test on the hot path
            bottom.add(e);
            if (bottom.size() > switchUp) {
                toLadder();
            }
            return;
        }
        long t = e.time;
        if (t <= nearLast) {
            bottom.add(e);
            return;
        }
        e.pending = true;
        liveFar++;
        for (int r = depth - 1; r >= 0; r--) {
            LadderRung g = rungs[r];
            if (t <= g.last) {
                int b = g.bucketOf(t);
                g.head[b] = pool.link(e, e.order, g.head[b]);
                g.count[b]++;
                return;
            }
        }
        pushTop(e, e.order);
    }

    @Override
    public Event poll() {
        Event e = bottom.poll();
        if (e == null && liveFar > 0) {
            refill();
            e = bottom.poll();
        }
        return e;
    }

    @Override
    public Event pollUntil(long end) {
        Event e = bottom.pollUntil(end);
        if (e != null || liveFar == 0 || bottom.size() != 0) {
            return e;
        }
        refill();
        return bottom.pollUntil(end);
    }

    @Override
    public Event peek() {
        Event e = bottom.peek();
        if (e == null && liveFar > 0) {
            refill();
            e = bottom.peek();
        }
        return e;
    }

    @Override
    public boolean remove(Event e) {
        if (!e.pending) {
            return false;
        }
        if (e.time <= nearLast) {
            return bottom.remove(e);
        }
        e.pending = false;
        liveFar--;
        staleFar++;
        if (staleFar > liveFar && staleFar > 1024) {
            compactFar();
        }
        return true;
    }

    @Override
    public int size() {
        return bottom.size() + liveFar;
    }

    @Override
    public void clear() {
        bottom.clear();
        pool.drainLive(e -> e.pending = false);
        resetFar();
    }

    /** Heap mode to ladder mode: the heap's events go to the top; the next refill lays a rung over them. */
    private void toLadder() {
        liveFar = bottom.drainLive(e -> pushTop(e, e.order));
        nearLast = topMin - 1;
        ladder = true;
    }

    /** Moves far events towards the bottom until it holds one, or folds back into heap mode. */
    private void refill() {
        while (bottom.size() == 0 && liveFar > 0) {
            if (liveFar < switchDown) {
                toHeap();
                return;
            }
            if (depth == 0) {
                LadderRung g = rungs[depth++];
                g.reset(topMin, topMax, liveFar);
                int list = topHead;
                resetTop();
                spread(list, g);
                nearLast = g.base - 1;
                continue;
            }
            LadderRung g = rungs[depth - 1];
            if (g.cur >= g.nb) {
                depth--;
                continue;
            }
            int b = g.cur++;
            int list = g.head[b];
            int n = g.count[b];
            g.head[b] = -1;
            g.count[b] = 0;
            if (n > SPAWN && g.shift > 0 && depth < MAX_DEPTH) {
                LadderRung child = rungs[depth++];
                child.reset(g.bucketStart(b), g.bucketLast(b), n);
                spread(list, child);
            } else {
                nearLast = g.bucketLast(b);
                final LadderPool p = pool;
                while (list >= 0) {
                    int next = p.next[list];
                    if (p.live(list)) {
                        liveFar--;
                        bottom.add(p.ev[list]);
                    } else {
                        staleFar--;
                    }
                    p.free(list);
                    list = next;
                }
            }
        }
    }

    /** Relinks the live entries of {@code list} into the buckets of {@code g}; drops stale ones. */
    private void spread(int list, LadderRung g) {
        final LadderPool p = pool;
        while (list >= 0) {
            int next = p.next[list];
            if (p.live(list)) {
                int b = g.bucketOf(p.ev[list].time);
                p.next[list] = g.head[b];
                g.head[b] = list;
                g.count[b]++;
            } else {
                staleFar--;
                p.free(list);
            }
            list = next;
        }
    }

    /** Ladder mode to heap mode: every far event into the bottom. */
    private void toHeap() {
        for (int r = 0; r < depth; r++) {
            LadderRung g = rungs[r];
            Arrays.fill(g.head, g.cur, g.nb, -1);
            Arrays.fill(g.count, g.cur, g.nb, 0);
        }
        pool.drainLive(bottom::add);
        resetFar();
    }

    private void resetFar() {
        depth = 0;
        resetTop();
        liveFar = 0;
        staleFar = 0;
        nearLast = Long.MAX_VALUE;
        ladder = false;
    }

    /** Drops every stale entry from the rungs and the top. */
    private void compactFar() {
        for (int r = 0; r < depth; r++) {
            LadderRung g = rungs[r];
            for (int b = g.cur; b < g.nb; b++) {
                g.head[b] = pool.keepLive(g.head[b]);
                g.count[b] = pool.kept;
            }
        }
        topHead = pool.keepLive(topHead);
        staleFar = 0;
    }

    private void pushTop(Event e, long order) {
        long t = e.time;
        topHead = pool.link(e, order, topHead);
        if (t < topMin) {
            topMin = t;
        }
        if (t > topMax) {
            topMax = t;
        }
    }

    private void resetTop() {
        topHead = -1;
        topMin = Long.MAX_VALUE;
        topMax = Long.MIN_VALUE;
    }

}
