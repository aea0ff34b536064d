package org.iommusim.core.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately simple future-event set (a list kept sorted by insertion with a linear scan)
 * for cross-checking {@link BinaryHeapEventQueue} in tests. O(n) per operation: never use it
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
        renumber();
    }

    @Override
    public Event poll() {
        if (list.isEmpty()) {
            return null;
        }
        Event e = list.remove(0);
        e.index = -1;
        renumber();
        return e;
    }

    @Override
    public Event peek() {
        return list.isEmpty() ? null : list.get(0);
    }

    @Override
    public boolean remove(Event e) {
        if (!list.remove(e)) {
            return false;
        }
        e.index = -1;
        renumber();
        return true;
    }

    @Override
    public int size() {
        return list.size();
    }

    @Override
    public void clear() {
        list.forEach(e -> e.index = -1);
        list.clear();
    }

    private void renumber() {
        for (int i = 0; i < list.size(); i++) {
            list.get(i).index = i;
        }
    }
}
