package org.iommusim.core.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately simple future-event set (a list kept sorted by insertion with a linear scan)
 * for cross-checking {@link HeapEventQueue} in tests. O(n) per operation: never use it
 * for real runs.
 */
public final class SortedListEventQueue implements EventQueue {
    private final List<Event> list = new ArrayList<>();

    @Override
    public void add(Event e) {
        int i = 0;
        while (i < list.size() && !EventQueue.before(e.time, e.order, list.get(i).time, list.get(i).order)) {
            i++;
        }
        list.add(i, e);
        e.pending = true;
    }

    @Override
    public Event poll() {
        if (list.isEmpty()) {
            return null;
        }
        Event e = list.remove(0);
        e.pending = false;
        return e;
    }

    @Override
    public Event pollUntil(long end) {
        return list.isEmpty() || list.get(0).time > end ? null : poll();
    }

    @Override
    public Event peek() {
        return list.isEmpty() ? null : list.get(0);
    }

    @Override
    public boolean remove(Event e) {
        if (!e.pending || !list.remove(e)) {
            return false;
        }
        e.pending = false;
        return true;
    }

    @Override
    public int size() {
        return list.size();
    }

    @Override
    public void clear() {
        list.forEach(e -> e.pending = false);
        list.clear();
    }
}
