package org.iommusim.hw.iommu.inval;

import java.util.ArrayDeque;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.resource.BoundedQueue;
import org.iommusim.core.resource.LittleLaw;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.core.stats.TimeWeighted;

/**
 * The IOMMU's invalidation queue (VT-d queued invalidation, SMMUv3 command queue).
 *
 * <p>Models: a ring of {@code depth} descriptors that software fills and the IOMMU consumes in
 * FIFO order, one at a time. A descriptor occupies its slot from acceptance until its
 * processing ends (the hardware advances its head past it then); its processing takes the
 * configured time for its kind, and at the end it <em>takes effect</em>
 * ({@link InvalidationEffect}). A wait descriptor completes — its {@link WaitListener} is
 * called — when its own processing ends, hence after everything queued before it. Submitters
 * hand in whole {@link InvBatch}es; when the ring is full a submitter blocks: its remaining
 * descriptors enter, in order, as slots free, blocked submitters are served first come first
 * served, and {@link SubmitListener#accepted} tells it when its last descriptor is in.
 *
 * <p>Does not model: descriptor fetch from memory, the doorbell write, invalidation-time-out
 * or error reporting, parallel processing of independent descriptors, or interrupts on wait
 * completion (the listener call is the status write software polls for).
 *
 * <p>Statistics under {@code prefix}: the {@link BoundedQueue} set ({@code arrivals},
 * {@code length} (time-weighted occupancy), {@code timeInQueue} acceptance to completion,
 * {@code departures}, ...); {@code descriptors.<kind>} accepted descriptors by effect (names of
 * {@link InvKind#statName()}); {@code cmd.<command>} accepted commands of the configured
 * format by kind ({@link InvCommand#statName()}, e.g. {@code invq.cmd.tlbi-nh-va});
 * {@code queueing-delay} (acceptance to start of processing,
 * histogram); {@code submissions}, {@code blocked-submissions}, {@code submitter-blocked}
 * (submission to acceptance of the whole batch, histogram over every submission),
 * {@code blocked-submitters} (time-weighted); {@code wait-latency} (submission of a wait's
 * batch to its completion, histogram); {@code processor-utilisation} (derived).
 *
 * <p>Processing one descriptor schedules one reusable event; descriptors are pooled (exactly
 * {@code depth} of them), so steady state allocates nothing.
 */
public final class InvalidationQueue {
    private final Simulator sim;
    private final InvQueueConfig config;
    private final InvalidationEffect effect;
    private final BoundedQueue<InvDescriptor> queue;
    private final InvDescriptor[] free;
    private int freeCount;
    private final ArrayDeque<InvBatch> blocked = new ArrayDeque<>();
    private boolean admitting;
    private InvDescriptor current;

    private final Counter[] byKind = new Counter[InvKind.values().length];
    private final Counter[] byCommand = new Counter[InvCommand.values().length];
    private final Counter submissions;
    private final Counter blockedSubmissions;
    private final LatencyHistogram submitterBlocked;
    private final TimeWeighted blockedSubmitters;
    private final LatencyHistogram queueingDelay;
    private final LatencyHistogram waitLatency;
    private final TimeWeighted processing;

    private final Event processed = new Event() {
        @Override
        public void fire() {
            finishCurrent();
        }
    };

    public InvalidationQueue(Simulator sim, StatsRegistry stats, String prefix, InvQueueConfig config,
            InvalidationEffect effect) {
        this.sim = sim;
        this.config = config;
        this.effect = effect == null ? InvalidationEffect.NONE : effect;
        this.queue = new BoundedQueue<>(sim, stats, prefix, config.depth());
        this.free = new InvDescriptor[config.depth()];
        for (int i = 0; i < free.length; i++) {
            free[i] = new InvDescriptor();
        }
        this.freeCount = free.length;

        String p = prefix + ".";
        for (InvKind k : InvKind.values()) {
            byKind[k.ordinal()] = stats.counter(p + "descriptors." + k.statName(), "descriptors",
                    "'" + k.statName() + "' descriptors accepted into the invalidation queue");
        }
        for (InvCommand c : config.format().commands()) {
            byCommand[c.ordinal()] = stats.counter(p + "cmd." + c.statName(), "commands",
                    c.format().format().architecture() + " " + c.statName() + " commands accepted into the queue");
        }
        submissions = stats.counter(p + "submissions", "batches", "descriptor batches submitted");
        blockedSubmissions = stats.counter(p + "blocked-submissions", "batches",
                "batches whose submitter spent time blocked on a full queue");
        submitterBlocked = stats.histogram(p + "submitter-blocked", "ps",
                "time from submitting a batch until all its descriptors were accepted (0 when not blocked)");
        blockedSubmitters = stats.timeWeighted(p + "blocked-submitters", "submitters",
                "submitters blocked on a full queue, time-weighted");
        queueingDelay = stats.histogram(p + "queueing-delay", "ps",
                "time from acceptance of a descriptor to the start of its processing");
        waitLatency = stats.histogram(p + "wait-latency", "ps",
                "time from submitting a wait descriptor's batch to the wait's completion");
        processing = stats.timeWeighted(p + "processing", "descriptors", "descriptors being processed (0 or 1)");
        stats.derived(p + "processor-utilisation", "ratio", "fraction of time the IOMMU processes a descriptor",
                processing::mean);
    }

    public InvQueueConfig config() {
        return config;
    }

    /** A fresh batch bound to this queue's range limit (allocate one per submitter, then reuse it). */
    public InvBatch newBatch() {
        return new InvBatch(config.maxRangePages());
    }

    /**
     * Submits {@code batch}. Its descriptors enter the queue at once as far as there is room (and
     * no earlier submitter is blocked); {@code listener} (may be null) is called when the last
     * one is in — from inside this call if the batch fit. Returns true when it fit at once (the
     * listener has run); false when the submitter blocks (the listener runs later; a batch
     * submitted from inside another listener's call also returns false and may be accepted in
     * the same instant, after the batches ahead of it).
     */
    public boolean submit(InvBatch batch, SubmitListener listener) {
        if (batch.inFlight) {
            throw new IllegalStateException("batch submitted again before the queue accepted it");
        }
        if (batch.maxRangePages() > config.maxRangePages()) {
            throw new IllegalArgumentException("batch split ranges at " + batch.maxRangePages()
                    + " pages, wider than this queue's limit " + config.maxRangePages());
        }
        for (int i = 0; i < batch.size(); i++) {
            if (byCommand[batch.command(i).ordinal()] == null) {
                throw new IllegalArgumentException("command " + batch.command(i) + " is not a command of the "
                        + config.format().configName() + " queue (allowed: " + config.format().commands() + ")");
            }
        }
        submissions.increment();
        batch.inFlight = true;
        batch.cursor = 0;
        batch.submittedPs = sim.now();
        batch.listener = listener;
        blocked.addLast(batch);
        admit();
        blockedSubmitters.set(blocked.size());
        return !batch.inFlight;
    }

    /** Descriptors in the queue now (including the one being processed). */
    public int size() {
        return queue.size();
    }

    /** Submitters waiting for room. */
    public int blockedSubmitters() {
        return blocked.size();
    }

    /** Whether a descriptor is being processed. */
    public boolean busy() {
        return current != null;
    }

    /** Little's law for the queue (occupancy incl. the descriptor in processing; W = acceptance to completion). */
    public LittleLaw littleLaw() {
        return queue.littleLaw();
    }

    /** Moves descriptors of blocked batches into free slots, oldest batch first. */
    private void admit() {
        if (admitting) {
            return; // a listener submitted from inside admit(): the running loop serves it in order
        }
        admitting = true;
        try {
            while (!blocked.isEmpty() && !queue.isFull()) {
                InvBatch b = blocked.peekFirst();
                while (b.cursor < b.size() && !queue.isFull()) {
                    enqueue(b, b.cursor++);
                }
                startNext();
                if (b.cursor < b.size()) {
                    break; // full again
                }
                blocked.pollFirst();
                blockedSubmitters.set(blocked.size());
                b.inFlight = false;
                long waited = sim.now() - b.submittedPs;
                submitterBlocked.record(waited);
                if (waited > 0) {
                    blockedSubmissions.increment();
                }
                SubmitListener l = b.listener;
                b.listener = null;
                if (l != null) {
                    l.accepted(b, waited);
                }
            }
        } finally {
            admitting = false;
        }
    }

    private void enqueue(InvBatch b, int i) {
        InvDescriptor d = free[--freeCount];
        free[freeCount] = null;
        d.load(b, i, sim.now());
        byKind[d.kind.ordinal()].increment();
        byCommand[d.command.ordinal()].increment();
        queue.offer(d);
    }

    private void startNext() {
        if (current != null || queue.isEmpty()) {
            return;
        }
        current = queue.peek();
        processing.set(1);
        queueingDelay.record(sim.now() - current.acceptedPs);
        sim.schedule(processed, config.processingPs(current.kind));
    }

    private void finishCurrent() {
        InvDescriptor d = queue.poll();
        assert d == current;
        current = null;
        processing.set(0);
        if (d.kind != InvKind.WAIT) {
            effect.takeEffect(d.kind, d.target, d.pasid, d.firstPage, d.pages, d.leafOnly);
        }
        WaitListener wl = d.waitListener;
        long tag = d.waitTag;
        long submitted = d.submittedPs;
        boolean isWait = d.kind == InvKind.WAIT;
        d.waitListener = null;
        free[freeCount++] = d;
        admit();
        startNext();
        if (isWait) {
            long latency = sim.now() - submitted;
            waitLatency.record(latency);
            if (wl != null) {
                wl.waitComplete(tag, latency);
            }
        }
    }
}
