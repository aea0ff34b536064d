package org.iommusim.hw.iommu.datapath;

import java.util.Arrays;
import org.iommusim.hw.iommu.PipelineConfig;

/**
 * The per-device translation pipeline of the {@link TimedIommu} ({@link PipelineConfig}): a
 * reorder buffer that hands translations back in arrival order (or lets them overtake at most
 * {@code window − 1} older ones), pending-miss slots per device, the miss occupancy (an IOTLB
 * miss holds its device's request stream, which the device owns: {@code hw.device.RequestStream},
 * told through {@link TranslationCallback#streamHeld}), and — in order — the stall of the lookups
 * behind a miss that waits for a slot (head-of-line blocking).
 *
 * <p>Models: the order a root complex returns a device's translations in and the limited number
 * of misses it tracks per requester. Does not model: ordering across devices, PCIe's
 * posted/non-posted passing rules per TLP type (all of a device's TLPs share one stream), or
 * merging of misses to one page beyond joining the walk in flight. Each
 * {@link TranslationProcess} owns one {@link Seat}, its place in these lists, whose fields only
 * this class writes; no allocation per request.
 */
final class DevicePipelines {
    /** A translation process's place in its device's pipeline (written only here). */
    static final class Seat {
        private final TranslationProcess process;
        /** Finished in the IOMMU, waiting in the reorder buffer. */
        private boolean done;
        /** Holds one of its device's pending-miss slots. */
        private boolean missSlot;
        private Seat robPrev;
        private Seat robNext;
        private Seat stallNext;

        Seat(TranslationProcess process) {
            this.process = process;
        }

        /** True while the process holds one of its device's pending-miss slots. */
        boolean holdsMissSlot() {
            return missSlot;
        }
    }

    /** One device's pipeline state. */
    private static final class Lane {
        Seat robHead;
        Seat robTail;
        int pendingMisses;
        Seat missHead;
        Seat missTail;
        Seat stallHead;
        Seat stallTail;
    }

    private final int window;
    private final int missSlots;
    private final boolean inOrder;
    private final long missOccupancy;
    private Lane[] lanes = new Lane[8];

    DevicePipelines(PipelineConfig config) {
        this.window = config.window();
        this.missSlots = config.missesPerDevice();
        this.inOrder = config.inOrder();
        this.missOccupancy = config.missOccupancyPs();
    }

    private Lane lane(int device) {
        if (device >= lanes.length) {
            lanes = Arrays.copyOf(lanes, Math.max(device + 1, lanes.length * 2));
        }
        Lane l = lanes[device];
        if (l == null) {
            l = new Lane();
            lanes[device] = l;
        }
        return l;
    }

    /** A new request of its device: queued in the reorder buffer when order is kept. */
    void enter(TranslationProcess p) {
        Seat r = p.seat;
        r.missSlot = false;
        Lane l = lane(p.device());
        r.done = false;
        if (window == 0) {
            return;
        }
        r.robNext = null;
        r.robPrev = l.robTail;
        if (l.robTail == null) {
            l.robHead = r;
        } else {
            l.robTail.robNext = r;
        }
        l.robTail = r;
    }

    /** True if finished requests leave out of order within a reorder window, which counts seats, not TLPs. */
    boolean windowCountsSeats() {
        return window != 0 && !inOrder;
    }

    /**
     * True if {@code p}'s lookup must wait: earlier lookups of its device wait, or (in order) a miss
     * of its device has no slot yet.
     */
    boolean stalled(TranslationProcess p) {
        Lane l = lane(p.device());
        return l.stallHead != null || (inOrder && l.missHead != null);
    }

    /**
     * {@code p} missed the IOTLB and does not join the walk in flight for its page: it holds its
     * device's request stream for the miss occupancy (the device's next request TLP waits; the
     * miss's own walk does not). A miss that joins its page's walk merges into it and holds nothing.
     */
    void missed(TranslationProcess p) {
        if (missOccupancy > 0) {
            p.callback.streamHeld(missOccupancy);
        }
    }

    /** The stalled lookups resume in order until (in order) a miss waits for a slot again. */
    private void resumeStalled(Lane l) {
        while ((!inOrder || l.missHead == null) && l.stallHead != null) {
            Seat s = l.stallHead;
            l.stallHead = s.stallNext;
            if (l.stallHead == null) {
                l.stallTail = null;
            }
            s.stallNext = null;
            s.process.resumeLookup();
        }
    }

    /** Queues a lookup behind the stall, in order. */
    void stall(TranslationProcess p) {
        Seat r = p.seat;
        Lane l = lane(p.device());
        r.stallNext = null;
        if (l.stallTail == null) {
            l.stallHead = r;
        } else {
            l.stallTail.stallNext = r;
        }
        l.stallTail = r;
    }

    /** Takes a miss slot for {@code r} (true), or queues it for one (false). */
    boolean takeMissSlot(TranslationProcess p) {
        if (missSlots == 0) {
            return true;
        }
        Seat r = p.seat;
        Lane l = lane(p.device());
        if (l.pendingMisses < missSlots && l.missHead == null) {
            l.pendingMisses++;
            r.missSlot = true;
            return true;
        }
        r.stallNext = null;
        if (l.missTail == null) {
            l.missHead = r;
        } else {
            l.missTail.stallNext = r;
        }
        l.missTail = r;
        return false;
    }

    /**
     * {@code r} finished its miss: its slot goes to the oldest queued miss (which walks now);
     * once no miss waits, the stalled lookups resume in order until one stalls again.
     */
    void releaseMissSlot(TranslationProcess p) {
        p.seat.missSlot = false;
        Lane l = lane(p.device());
        l.pendingMisses--;
        while (l.missHead != null && l.pendingMisses < missSlots) {
            Seat next = l.missHead;
            l.missHead = next.stallNext;
            if (l.missHead == null) {
                l.missTail = null;
            }
            next.stallNext = null;
            l.pendingMisses++;
            next.missSlot = true;
            next.process.missSlotGranted();
        }
        resumeStalled(l);
    }

    /**
     * {@code r} is finished in the IOMMU: handed back now if its order allows, and so is every
     * younger finished translation it was holding back.
     */
    void done(TranslationProcess p) {
        if (window == 0) {
            p.deliver();
            return;
        }
        Seat r = p.seat;
        r.done = true;
        Lane l = lane(p.device());
        boolean progress = true;
        while (progress) {
            progress = false;
            int position = 0; // a run's seat stands for its count of TLPs: they finish together
            for (Seat q = l.robHead; q != null && position < window; q = q.robNext) {
                if (q.done) {
                    unlink(l, q);
                    q.process.deliver();
                    progress = true;
                    break;
                }
                position += q.process.count;
            }
        }
    }

    /** True if {@code p} is its device's youngest request (a request arriving now would sit right behind it). */
    boolean youngest(TranslationProcess p) {
        return window == 0 || lane(p.device()).robTail == p.seat;
    }

    /**
     * True if handing back {@code served[0..n-1]} (requests of one device, finishing in that
     * order) can release no other request: no reorder buffer, or an in-order one in which they sit
     * next to each other, so that each one's finish stops at the next, not yet done.
     */
    boolean adjacent(TranslationProcess[] served, int n) {
        if (window == 0) {
            return true;
        }
        if (window != 1) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            if (served[i].seat.robPrev != served[i - 1].seat) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code part}, split off run {@code run} of the same device, takes its place in the reorder
     * buffer: just before {@code run}'s seat if {@code before} (it carries the run's first TLPs),
     * else just after it (the rest).
     */
    void splitSeat(TranslationProcess run, TranslationProcess part, boolean before) {
        Seat r = run.seat;
        Seat s = part.seat;
        s.missSlot = false;
        s.done = false;
        if (window == 0) {
            return;
        }
        Lane l = lane(run.device());
        Seat prev = before ? r.robPrev : r;
        Seat next = before ? r : r.robNext;
        s.robPrev = prev;
        s.robNext = next;
        if (prev == null) {
            l.robHead = s;
        } else {
            prev.robNext = s;
        }
        if (next == null) {
            l.robTail = s;
        } else {
            next.robPrev = s;
        }
    }

    /** Split-off {@code part} joined its run again before it did anything: its seat goes. */
    void dropSeat(TranslationProcess part) {
        if (window != 0) {
            unlink(lane(part.device()), part.seat);
        }
    }

    private static void unlink(Lane l, Seat q) {
        if (q.robPrev == null) {
            l.robHead = q.robNext;
        } else {
            q.robPrev.robNext = q.robNext;
        }
        if (q.robNext == null) {
            l.robTail = q.robPrev;
        } else {
            q.robNext.robPrev = q.robPrev;
        }
        q.robNext = null;
        q.robPrev = null;
    }
}
