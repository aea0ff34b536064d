package org.iommusim.hw.device;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;

/**
 * Interrupt moderation of one MSI-X vector, as a NIC's interrupt throttle (Intel ITR) works: a
 * completion asks for an interrupt, which fires at once if the last one fired at least
 * {@code intervalPs} ago, else when that interval has passed; completions meanwhile share it.
 * With interval 0 every completion that finds no interrupt pending gets its own. The action runs
 * when the interrupt fires (the vector's MSI-X write). Allocates nothing per completion.
 */
final class InterruptModerator {
    private final Simulator sim;
    private final long intervalPs;
    private final Runnable action;
    private final Event fire = Event.of(this::fire);
    private long lastFired = Long.MIN_VALUE;
    private boolean pending;

    InterruptModerator(Simulator sim, long intervalPs, Runnable action) {
        this.sim = sim;
        this.intervalPs = intervalPs;
        this.action = action;
    }

    /** A completion wants the host told. */
    void request() {
        if (pending) {
            return;
        }
        pending = true;
        long earliest = lastFired == Long.MIN_VALUE ? sim.now() : Math.max(sim.now(), lastFired + intervalPs);
        sim.scheduleAt(fire, earliest);
    }

    private void fire() {
        pending = false;
        lastFired = sim.now();
        action.run();
    }
}
