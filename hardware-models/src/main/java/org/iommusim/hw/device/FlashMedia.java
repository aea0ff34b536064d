package org.iommusim.hw.device;

import java.util.ArrayDeque;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.Distribution;
import org.iommusim.core.random.RandomStream;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.core.stats.Tally;
import org.iommusim.core.stats.TimeWeighted;

/**
 * The flash back end of an NVMe drive ({@link FlashConfig}): where a read spends its media time
 * and what limits the drive's IOPS.
 * <ul>
 *   <li>A read goes to a die drawn uniformly (random LBAs land on any die), waits for the die,
 *       senses its page (tR), then moves {@code bytes} over the die's channel (die i is on
 *       channel {@code i mod channels}), one transfer at a time per channel. A die senses one
 *       page at a time, so the read rate cannot exceed {@code dies / tR} nor the channels'
 *       bandwidth ({@link FlashConfig#readLimitIops}).</li>
 *   <li>A write is accepted into the DRAM write buffer after the buffer latency, unless the
 *       buffer is full: then it waits, in order, until programs free space. Every
 *       {@code programBytes} buffered start one program (tPROG, after its data crossed the
 *       channel) on the next die round-robin. Reads go before queued programs, and a read
 *       arriving at a programming die suspends the program, which resumes with its remaining time
 *       once the die has no reads (program suspend, as enterprise drives do).</li>
 * </ul>
 * Does not model: the FTL's mapping, garbage collection and its write amplification (steady-state
 * random-write IOPS are therefore higher than a datasheet's), erase, read retries and ECC, plane
 * parallelism inside a die, suspend/resume overheads, or power states. Random stream: the
 * caller's (die choice and latency samples). Statistics under {@code <prefix>.media.}:
 * {@code reads}, {@code programs}, {@code suspends}, {@code read-time} (arrival at the die to the
 * end of the channel transfer, ps), {@code buffer-stalls} (writes that waited for buffer space),
 * {@code buffered} (bytes in the write buffer, time-weighted) and {@code busy-dies}
 * (time-weighted).
 */
public final class FlashMedia {
    /** Told when a read's data reached the controller or a write was accepted. */
    interface Done {
        void mediaDone();
    }

    private final Simulator sim;
    private final FlashConfig config;
    private final RandomStream random;
    private final Distribution readTime;
    private final Distribution programTime;
    private final Distribution bufferTime;
    private final Die[] dies;
    private final long[] channelFreeAt;
    private final ArrayDeque<Op> free = new ArrayDeque<>();
    private final ArrayDeque<Op> stalled = new ArrayDeque<>();
    private final Counter reads;
    private final Counter programs;
    private final Counter suspends;
    private final Counter bufferStalls;
    private final Tally readWait;
    private final TimeWeighted buffered;
    private final TimeWeighted busyDies;
    private long occupancy;
    private long unprogrammed;
    private int nextProgramDie;
    private int busy;

    public FlashMedia(Simulator sim, StatsRegistry registry, String prefix, FlashConfig config, RandomStream random) {
        this.sim = sim;
        this.config = config;
        this.random = random;
        this.readTime = between(random, config.readMinPs(), config.readMaxPs());
        this.programTime = between(random, config.programMinPs(), config.programMaxPs());
        this.bufferTime = between(random, config.bufferMinPs(), config.bufferMaxPs());
        this.dies = new Die[config.dies()];
        for (int i = 0; i < dies.length; i++) {
            dies[i] = new Die(i % config.channels());
        }
        this.channelFreeAt = new long[config.channels()];
        String p = prefix + ".media.";
        reads = registry.counter(p + "reads", "reads", "page reads sensed by the dies");
        programs = registry.counter(p + "programs", "programs", "page programs completed by the dies");
        suspends = registry.counter(p + "suspends", "programs", "programs suspended for a read");
        bufferStalls = registry.counter(p + "buffer-stalls", "writes", "writes that waited for write-buffer space");
        readWait = registry.tally(p + "read-time", "ps", "read arrival at its die to the end of its channel transfer");
        buffered = registry.timeWeighted(p + "buffered", "bytes", "bytes in the write buffer not yet programmed");
        busyDies = registry.timeWeighted(p + "busy-dies", "dies", "dies sensing or programming, time-weighted");
    }

    /** Uniform on [min, max] ps, or always min when they are equal. */
    private static Distribution between(RandomStream random, long min, long max) {
        return min == max ? random.deterministic(min) : random.uniform(min, max);
    }

    public FlashConfig config() {
        return config;
    }

    /** Reads {@code bytes} from a random die; {@code done} when they reached the controller. */
    void read(int bytes, Done done) {
        Op op = take(done, bytes);
        dies[random.nextInt(dies.length)].arrive(op);
    }

    /** Buffers a write of {@code bytes}; {@code done} when the buffer accepted it. */
    void write(int bytes, Done done) {
        Op op = take(done, bytes);
        if (stalled.isEmpty() && occupancy + bytes <= config.writeBufferBytes()) {
            accept(op);
        } else {
            bufferStalls.increment();
            stalled.add(op);
        }
    }

    private Op take(Done done, int bytes) {
        Op op = free.poll();
        if (op == null) {
            op = new Op();
        }
        op.done = done;
        op.bytes = bytes;
        op.arrival = sim.now();
        return op;
    }

    private void accept(Op op) {
        occupancy += op.bytes;
        unprogrammed += op.bytes;
        buffered.set(occupancy);
        while (unprogrammed >= config.programBytes()) {
            unprogrammed -= config.programBytes();
            Die d = dies[nextProgramDie];
            nextProgramDie = (nextProgramDie + 1) % dies.length;
            d.queuedPrograms++;
            if (d.state == State.IDLE) {
                d.startNext();
            }
        }
        sim.schedule(op.finished, bufferTime.sampleLong());
    }

    private void programmed() {
        programs.increment();
        occupancy -= config.programBytes();
        buffered.set(occupancy);
        while (!stalled.isEmpty() && occupancy + stalled.peek().bytes <= config.writeBufferBytes()) {
            accept(stalled.poll());
        }
    }

    private void busyChange(int delta) {
        busy += delta;
        busyDies.set(busy);
    }

    private enum State { IDLE, READING, PROGRAMMING }

    /** One read or write in flight; pooled. */
    private final class Op {
        final Event finished = Event.of(this::finish);
        Done done;
        int bytes;
        long arrival;

        private void finish() {
            Done d = done;
            done = null;
            free.push(this);
            d.mediaDone();
        }
    }

    /** One die: reads first, then a suspended program, then queued programs. */
    private final class Die {
        final int channel;
        final ArrayDeque<Op> waiting = new ArrayDeque<>();
        final Event done = Event.of(this::opDone);
        State state = State.IDLE;
        Op reading;
        int queuedPrograms;
        long suspendedRemaining = -1;

        Die(int channel) {
            this.channel = channel;
        }

        void arrive(Op op) {
            waiting.add(op);
            if (state == State.IDLE) {
                startNext();
            } else if (state == State.PROGRAMMING) {
                suspendedRemaining = done.scheduledTime() - sim.now();
                sim.cancel(done);
                suspends.increment();
                busyChange(-1);
                state = State.IDLE;
                startNext();
            }
        }

        void startNext() {
            long now = sim.now();
            if (!waiting.isEmpty()) {
                reading = waiting.poll();
                state = State.READING;
                sim.schedule(done, readTime.sampleLong());
            } else if (suspendedRemaining >= 0) {
                state = State.PROGRAMMING;
                sim.schedule(done, suspendedRemaining);
                suspendedRemaining = -1;
            } else if (queuedPrograms > 0) {
                queuedPrograms--;
                state = State.PROGRAMMING;
                long dataIn = Math.max(now, channelFreeAt[channel]) + config.transferPs(config.programBytes());
                channelFreeAt[channel] = dataIn;
                sim.schedule(done, dataIn - now + programTime.sampleLong());
            } else {
                state = State.IDLE;
                return;
            }
            busyChange(1);
        }

        private void opDone() {
            busyChange(-1);
            if (state == State.READING) {
                Op op = reading;
                reading = null;
                reads.increment();
                long end = Math.max(sim.now(), channelFreeAt[channel]) + config.transferPs(op.bytes);
                channelFreeAt[channel] = end;
                readWait.add(end - op.arrival);
                sim.scheduleAt(op.finished, end);
            } else {
                programmed();
            }
            state = State.IDLE;
            startNext();
        }
    }
}
