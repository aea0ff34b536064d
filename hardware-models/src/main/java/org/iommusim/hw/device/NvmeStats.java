package org.iommusim.hw.device;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.core.stats.Tally;
import org.iommusim.core.stats.TimeWeighted;

/**
 * Statistics of one {@link NvmeDrive}, under its prefix: per I/O {@code io.submitted},
 * {@code io.completed}, {@code io.reads} and {@code io.writes} (completed storage reads and
 * writes), {@code io.failed} (a DMA aborted by a translation fault), {@code io.latency}
 * (histogram, submission to the interrupt's arrival, ps), {@code io.read-time} and
 * {@code io.write-time} (exact means), {@code io.outstanding} (time-weighted),
 * {@code controller.wait} (a fetched command's wait for the controller, exact mean) and derived
 * {@code io.iops}; per protocol DMA completed: {@code dma.command-fetches},
 * {@code dma.prp-list-fetches}, {@code dma.data}, {@code dma.completion-entries} and
 * {@code interrupts}.
 */
public final class NvmeStats {
    private final Simulator sim;
    private final Counter submitted;
    private final Counter completed;
    private final Counter reads;
    private final Counter writes;
    private final Counter failed;
    private final LatencyHistogram latency;
    private final Tally readTime;
    private final Tally writeTime;
    private final TimeWeighted outstanding;
    private final Tally controllerWait;
    private final Counter fetches;
    private final Counter prpFetches;
    private final Counter data;
    private final Counter completions;
    private final Counter interrupts;
    private int inFlight;

    NvmeStats(Simulator sim, StatsRegistry r, String prefix) {
        this.sim = sim;
        String p = prefix + ".";
        submitted = r.counter(p + "io.submitted", "I/Os", "I/Os the driver submitted");
        completed = r.counter(p + "io.completed", "I/Os", "I/Os completed (interrupt delivered)");
        reads = r.counter(p + "io.reads", "I/Os", "storage reads completed");
        writes = r.counter(p + "io.writes", "I/Os", "storage writes completed");
        failed = r.counter(p + "io.failed", "I/Os", "I/Os failed: one of their DMAs aborted by a translation fault");
        latency = r.histogram(p + "io.latency", "ps", "I/O submission to its interrupt");
        readTime = r.tally(p + "io.read-time", "ps", "storage read submission to its interrupt (exact mean)");
        writeTime = r.tally(p + "io.write-time", "ps", "storage write submission to its interrupt (exact mean)");
        outstanding = r.timeWeighted(p + "io.outstanding", "I/Os", "I/Os submitted and not yet completed");
        controllerWait = r.tally(p + "controller.wait", "ps",
                "a fetched command's wait for the controller (one command at a time)");
        fetches = r.counter(p + "dma.command-fetches", "DMAs", "64 B submission-queue entry reads");
        prpFetches = r.counter(p + "dma.prp-list-fetches", "DMAs", "PRP list reads (I/Os over two pages)");
        data = r.counter(p + "dma.data", "DMAs", "data DMAs (one per I/O)");
        completions = r.counter(p + "dma.completion-entries", "DMAs", "16 B completion-queue entry writes");
        interrupts = r.counter(p + "interrupts", "interrupts", "MSI-X interrupt writes");
        r.derived(p + "io.iops", "1/s", "completed I/Os per second of simulated time", this::iops);
    }

    void submitted() {
        submitted.increment();
        outstanding.set(++inFlight);
    }

    void controllerWait(long ps) {
        controllerWait.add(ps);
    }

    void ioFailed() {
        failed.increment();
        outstanding.set(--inFlight);
    }

    void dmaDone(NvmeDrive.Phase phase) {
        switch (phase) {
            case FETCH -> fetches.increment();
            case PRP_LIST -> prpFetches.increment();
            case DATA -> data.increment();
            case COMPLETION -> completions.increment();
            case INTERRUPT -> interrupts.increment();
            default -> throw new IllegalStateException("no DMA in phase " + phase);
        }
    }

    void completed(boolean read, long latencyPs) {
        completed.increment();
        (read ? reads : writes).increment();
        (read ? readTime : writeTime).add(latencyPs);
        latency.record(latencyPs);
        outstanding.set(--inFlight);
    }

    /** Completed I/Os per second of the measurement window. */
    public double iops() {
        long window = sim.now() - outstanding.windowStart();
        return window <= 0 ? 0 : completed.get() * (double) SimTime.S / window;
    }

    public long completed() {
        return completed.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Mean I/O latency (submission to interrupt), ps. */
    public double meanLatencyPs() {
        long n = readTime.count() + writeTime.count();
        return n == 0 ? 0 : (sum(readTime) + sum(writeTime)) / n;
    }

    private static double sum(Tally t) {
        return t.count() == 0 ? 0 : t.mean() * t.count();
    }

    public double meanReadPs() {
        return readTime.mean();
    }

    public double meanWritePs() {
        return writeTime.mean();
    }

    /** Completed DMAs of the protocol: fetches, PRP list fetches, data, completion entries, interrupts. */
    public long[] dmaCounts() {
        return new long[] {fetches.get(), prpFetches.get(), data.get(), completions.get(), interrupts.get()};
    }
}
