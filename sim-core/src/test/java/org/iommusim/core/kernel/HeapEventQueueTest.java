package org.iommusim.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The heap's polled root, which stays in place until the next add takes its slot (or another
 * operation pops it), driven at the queue's own interface: random adds right after polls (near,
 * far, at the polled instant, with priorities), peeks, cancels with compaction, clears and
 * ladder-style hand-overs ({@code drainLive}), against {@link SortedListEventQueue} on twin
 * events. Every poll and peek must return the same event.
 */
class HeapEventQueueTest {

    /** One event of each queue per id, with the same time and order key. */
    private static final class Twins {
        final Event[] heap;
        final Event[] list;
        final Map<Event, Integer> id = new IdentityHashMap<>();

        Twins(int n) {
            heap = new Event[n];
            list = new Event[n];
            for (int i = 0; i < n; i++) {
                heap[i] = Event.of(() -> { });
                list[i] = Event.of(() -> { });
                id.put(heap[i], i);
                id.put(list[i], i);
            }
        }

        Integer of(Event e) {
            return e == null ? null : id.get(e);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 17, 99, 4242, -8})
    void polledRoot_replacedByNextAdd_leavesInSortedListOrder(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        HeapEventQueue heap = new HeapEventQueue(2);
        SortedListEventQueue list = new SortedListEventQueue();
        Twins t = new Twins(200);
        long now = 0;
        long seq = 0;
        int polls = 0;
        for (int step = 0; step < 40_000; step++) {
            int op = r.nextInt(100);
            if (op < 45) { // schedule an idle event (often right after a poll: the replace path)
                int i = r.nextInt(t.heap.length);
                if (t.heap[i].pending) {
                    continue;
                }
                int kind = r.nextInt(10);
                long time = now + (kind < 3 ? 0 : kind < 7 ? r.nextLong(50) : r.nextLong(100_000));
                int priority = r.nextInt(8) == 0 ? r.nextInt(-3, 4) : 0;
                long order = ((long) priority << 48) | seq++;
                for (Event e : new Event[] {t.heap[i], t.list[i]}) {
                    e.time = time;
                    e.order = order;
                }
                heap.add(t.heap[i]);
                list.add(t.list[i]);
            } else if (op < 85) {
                Event h = heap.poll();
                Event l = list.poll();
                assertThat(t.of(h)).as("seed %d, step %d: poll", seed, step).isEqualTo(t.of(l));
                if (h != null) {
                    assertThat(h.time).isEqualTo(l.time);
                    now = h.time;
                    polls++;
                }
            } else if (op < 90) {
                assertThat(t.of(heap.peek())).as("seed %d, step %d: peek", seed, step).isEqualTo(t.of(list.peek()));
            } else if (op < 98) {
                int i = r.nextInt(t.heap.length);
                assertThat(heap.remove(t.heap[i])).isEqualTo(list.remove(t.list[i]));
            } else if (op < 99) {
                List<Integer> handed = new ArrayList<>();
                heap.drainLive(e -> handed.add(t.of(e)));
                for (Integer i : handed) { // handed back, as the ladder does when it folds up
                    heap.add(t.heap[i]);
                }
                assertThat(handed).hasSize(list.size());
            } else if (r.nextInt(20) == 0) {
                heap.clear();
                list.clear();
            }
            assertThat(heap.size()).isEqualTo(list.size());
        }
        assertThat(polls).isGreaterThan(5_000);
    }

    @Test
    void peekAfterPoll_keepsRoot_andSkipsStaleEntryOfRescheduledEvent() {
        HeapEventQueue heap = new HeapEventQueue(4);
        Event a = at(10, 0);
        Event b = at(20, 1);
        Event c = at(30, 2);
        heap.add(a);
        heap.add(b);
        heap.add(c);
        heap.remove(b); // its entry at 20 stays, stale, while b is pending again at 40
        b.time = 40;
        b.order = 3;
        heap.add(b);
        assertThat(heap.poll()).isSameAs(a); // a's root entry is kept while it fires
        assertThat(heap.peek()).as("the root's smallest child is stale: not b").isSameAs(c);
        Event d = at(25, 4);
        heap.add(d);
        assertThat(heap.peek()).isSameAs(d);
        assertThat(heap.poll()).isSameAs(d);
        assertThat(heap.peek()).as("peek after a poll, the next entry live").isSameAs(c);
        assertThat(heap.poll()).isSameAs(c);
        assertThat(heap.poll()).isSameAs(b);
        assertThat(heap.poll()).isNull();
    }

    @Test
    void addAfterPoll_takesRootSlot_earlierEventStillFirst() {
        HeapEventQueue heap = new HeapEventQueue(4);
        Event a = at(10, 0);
        Event b = at(20, 1);
        Event c = at(30, 2);
        heap.add(a);
        heap.add(b);
        heap.add(c);
        assertThat(heap.poll()).isSameAs(a);
        Event late = at(40, 3);
        heap.add(late); // into a's slot, sifted below b and c
        Event early = at(15, 4);
        heap.add(early);
        assertThat(heap.poll()).isSameAs(early);
        assertThat(heap.poll()).isSameAs(b);
        assertThat(heap.poll()).isSameAs(c);
        assertThat(heap.poll()).isSameAs(late);
        assertThat(heap.poll()).isNull();
        assertThat(heap.size()).isZero();
    }

    private static Event at(long time, long order) {
        Event e = Event.of(() -> { });
        e.time = time;
        e.order = order;
        return e;
    }
}
