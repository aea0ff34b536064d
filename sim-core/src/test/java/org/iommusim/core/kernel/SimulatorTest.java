package org.iommusim.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    private final Simulator sim = new Simulator();
    private final List<String> fired = new ArrayList<>();

    private Event recording(String label) {
        return Event.of(() -> fired.add(label + "@" + sim.now()));
    }

    @Test
    void events_fireInTimeOrder_regardlessOfSchedulingOrder() {
        sim.schedule(recording("c"), 30);
        sim.schedule(recording("a"), 10);
        sim.schedule(recording("b"), 20);
        sim.run();
        assertThat(fired).containsExactly("a@10", "b@20", "c@30");
        assertThat(sim.now()).isEqualTo(30);
        assertThat(sim.eventsExecuted()).isEqualTo(3);
    }

    @Test
    void sameTime_lowerPriorityFirst_thenInsertionOrder() {
        sim.schedule(recording("p0-first"), 5, 0);
        sim.schedule(recording("p1"), 5, 1);
        sim.schedule(recording("p-1"), 5, -1);
        sim.schedule(recording("p0-second"), 5, 0);
        sim.schedule(recording("pmax"), 5, Simulator.MAX_PRIORITY);
        sim.schedule(recording("pmin"), 5, Simulator.MIN_PRIORITY);
        sim.schedule(recording("p-1-second"), 5, -1);
        sim.schedule(recording("earlier"), 4, Simulator.MAX_PRIORITY);
        sim.run();
        assertThat(fired).containsExactly("earlier@4", "pmin@5", "p-1@5", "p-1-second@5", "p0-first@5",
                "p0-second@5", "p1@5", "pmax@5");
    }

    @Test
    void sameTimeSamePriority_fireInInsertionOrder_evenWhenScheduledFromEvents() {
        sim.schedule(Event.of(() -> {
            fired.add("outer");
            sim.schedule(recording("x"), 0);
            sim.schedule(recording("y"), 0);
        }), 7);
        sim.schedule(recording("w"), 7);
        sim.run();
        assertThat(fired).containsExactly("outer", "w@7", "x@7", "y@7");
    }

    @Test
    void cancel_pendingEvent_neverFiresAndReturnsTrue() {
        Event e = recording("cancelled");
        sim.schedule(e, 10);
        sim.schedule(recording("kept"), 20);
        assertThat(sim.cancel(e)).isTrue();
        assertThat(e.isPending()).isFalse();
        assertThat(sim.pending()).isEqualTo(1);
        sim.run();
        assertThat(fired).containsExactly("kept@20");
    }

    @Test
    void cancel_notPending_returnsFalse() {
        Event never = recording("never");
        assertThat(sim.cancel(never)).isFalse();
        Event once = recording("once");
        sim.schedule(once, 1);
        sim.run();
        assertThat(sim.cancel(once)).isFalse();
        sim.schedule(once, 1);
        assertThat(sim.cancel(once)).isTrue();
        assertThat(sim.cancel(once)).isFalse();
    }

    @Test
    void cancel_thenReschedule_firesOnceAtNewTime() {
        Event e = recording("e");
        sim.schedule(e, 10);
        sim.cancel(e);
        sim.schedule(e, 30);
        sim.schedule(recording("mid"), 20);
        sim.run();
        assertThat(fired).containsExactly("mid@20", "e@30");
    }

    @Test
    void cancel_fromInsideEvent_preventsLaterEvent() {
        Event victim = recording("victim");
        sim.schedule(Event.of(() -> sim.cancel(victim)), 5);
        sim.schedule(victim, 5);
        sim.run();
        assertThat(fired).isEmpty();
    }

    @Test
    void event_reschedulingItselfInFire_isReused() {
        Event tick = new Event() {
            int n;

            @Override
            public void fire() {
                fired.add("t@" + sim.now());
                if (++n < 3) {
                    sim.schedule(this, 10);
                }
            }
        };
        sim.schedule(tick, 10);
        sim.run();
        assertThat(fired).containsExactly("t@10", "t@20", "t@30");
    }

    @Test
    void runUntil_firesEventsAtExactlyEnd_andSetsClockToEnd() {
        sim.schedule(recording("a"), 10);
        sim.schedule(recording("atEnd"), 50);
        Event later = recording("later");
        sim.schedule(later, 51);
        sim.runUntil(50);
        assertThat(fired).containsExactly("a@10", "atEnd@50");
        assertThat(sim.now()).isEqualTo(50);
        assertThat(later.isPending()).isTrue();
        sim.runUntil(100);
        assertThat(fired).containsExactly("a@10", "atEnd@50", "later@51");
        assertThat(sim.now()).isEqualTo(100);
    }

    @Test
    void runUntil_withEmptyQueue_advancesClock() {
        sim.runUntil(1234);
        assertThat(sim.now()).isEqualTo(1234);
    }

    @Test
    void runUntil_beforeNow_isRejected() {
        sim.runUntil(100);
        assertThatThrownBy(() -> sim.runUntil(99)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stop_fromInsideEvent_endsRunAfterThatEvent_andLeavesClockThere() {
        sim.schedule(recording("a"), 10);
        sim.schedule(Event.of(() -> {
            fired.add("stopper@" + sim.now());
            sim.stop();
        }), 20);
        sim.schedule(recording("sameInstant"), 20);
        sim.schedule(recording("b"), 30);
        sim.runUntil(1000);
        assertThat(fired).containsExactly("a@10", "stopper@20");
        assertThat(sim.now()).isEqualTo(20);
        assertThat(sim.isStopped()).isTrue();
        sim.run();
        assertThat(fired).containsExactly("a@10", "stopper@20", "sameInstant@20", "b@30");
    }

    @Test
    void runEvents_firesAtMostN_andReportsHowMany() {
        for (int i = 1; i <= 5; i++) {
            sim.schedule(recording("e" + i), i);
        }
        assertThat(sim.runEvents(3)).isEqualTo(3);
        assertThat(fired).containsExactly("e1@1", "e2@2", "e3@3");
        assertThat(sim.now()).isEqualTo(3);
        assertThat(sim.runEvents(10)).isEqualTo(2);
        assertThat(sim.runEvents(10)).isZero();
        assertThat(sim.now()).isEqualTo(5);
    }

    @Test
    void runEvents_stopInsideEvent_returnsEarly() {
        sim.schedule(Event.of(sim::stop), 1);
        sim.schedule(recording("b"), 2);
        assertThat(sim.runEvents(5)).isEqualTo(1);
        assertThat(fired).isEmpty();
    }

    @Test
    void scheduling_inThePast_isRejected() {
        sim.runUntil(100);
        assertThatThrownBy(() -> sim.scheduleAt(recording("x"), 99))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the current time");
        assertThatThrownBy(() -> sim.schedule(recording("x"), -1)).isInstanceOf(IllegalArgumentException.class);
        sim.scheduleAt(recording("now"), 100);
        sim.run();
        assertThat(fired).containsExactly("now@100");
    }

    @Test
    void scheduling_pendingEvent_isRejected() {
        Event e = recording("e");
        sim.schedule(e, 10);
        assertThatThrownBy(() -> sim.schedule(e, 20))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already pending");
        sim.run();
        assertThat(fired).containsExactly("e@10");
    }

    @Test
    void priority_outsideRange_isRejected() {
        assertThatThrownBy(() -> sim.schedule(recording("x"), 1, Simulator.MAX_PRIORITY + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.schedule(recording("x"), 1, Simulator.MIN_PRIORITY - 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
