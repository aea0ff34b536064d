package org.iommusim.core.kernel;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The entries of a {@link LadderEventQueue}'s rungs and top: singly linked lists kept in
 * parallel arrays (event, the event's order key when the entry was made, next index; -1 ends a
 * list) with a free list, so linking an event allocates nothing in steady state. An entry is
 * live while its event is pending with the entry's order key; otherwise it is stale (its event
 * was cancelled, perhaps rescheduled elsewhere) and is dropped when met.
 */
final class LadderPool {
    Event[] ev = new Event[1024];
    long[] ord = new long[1024];
    int[] next = new int[1024];
    private int used;
    private int freeHead = -1;
    /** Length of the list returned by the last {@link #keepLive} call. */
    int kept;

    /** Takes an entry for (e, order) in front of list {@code nxt}; returns its index, the new list head. */
    int link(Event e, long order, int nxt) {
        int i = freeHead;
        if (i >= 0) {
            freeHead = next[i];
        } else {
            if (used == ev.length) {
                int cap = ev.length * 2;
                ev = Arrays.copyOf(ev, cap);
                ord = Arrays.copyOf(ord, cap);
                next = Arrays.copyOf(next, cap);
            }
            i = used++;
        }
        ev[i] = e;
        ord[i] = order;
        next[i] = nxt;
        return i;
    }

    boolean live(int i) {
        Event e = ev[i];
        return e.pending && e.order == ord[i];
    }

    void free(int i) {
        ev[i] = null;
        next[i] = freeHead;
        freeHead = i;
    }

    /** Frees the stale entries of {@code list}; returns the head of the (reversed) live rest, its length in {@link #kept}. */
    int keepLive(int list) {
        int head = -1;
        int n = 0;
        for (int i = list; i >= 0; ) {
            int nxt = next[i];
            if (live(i)) {
                next[i] = head;
                head = i;
                n++;
            } else {
                free(i);
            }
            i = nxt;
        }
        kept = n;
        return head;
    }

    /** Hands every live entry's event to {@code sink} (storage order), then empties the pool. */
    void drainLive(Consumer<Event> sink) {
        for (int i = 0; i < used; i++) {
            Event e = ev[i];
            if (e != null && e.pending && e.order == ord[i]) {
                sink.accept(e);
            }
        }
        Arrays.fill(ev, 0, used, null);
        used = 0;
        freeHead = -1;
    }
}
