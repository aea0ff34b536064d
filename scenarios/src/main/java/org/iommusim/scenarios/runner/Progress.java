package org.iommusim.scenarios.runner;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.iommusim.core.kernel.SimTime;

/**
 * Progress of a run on stderr: a progress bar over simulated time when stderr is a console, a
 * heartbeat line otherwise (runs done, simulated time, events per second, ETA) at most every
 * {@link #HEARTBEAT_NANOS}, nothing with {@code --quiet}. Thread-safe: replications on several
 * threads report into it.
 */
public final class Progress {
    static final long HEARTBEAT_NANOS = 2_000_000_000L;
    private static final long BAR_UNIT_PS = SimTime.NS;

    private final PrintStream err;
    private final boolean quiet;
    private final boolean console;
    private final AtomicLong simulated = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicLong lastBeat = new AtomicLong();
    private long totalPs;
    private int runs;
    private long startNanos;
    private ProgressBar bar;

    public Progress(PrintStream err, boolean quiet, boolean console) {
        this.err = err;
        this.quiet = quiet;
        this.console = console;
    }

    /** No output at all. */
    public static Progress silent() {
        return new Progress(System.err, true, false);
    }

    synchronized void begin(int runCount, long totalSimulatedPs) {
        this.runs = runCount;
        this.totalPs = Math.max(1, totalSimulatedPs);
        this.startNanos = System.nanoTime();
        lastBeat.set(startNanos);
        if (!quiet && console) {
            bar = new ProgressBarBuilder().setTaskName("simulating").setInitialMax(totalPs / BAR_UNIT_PS)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" ns", 1).setConsumer(
                            new me.tongfei.progressbar.ConsoleProgressBarConsumer(err)).build();
        }
    }

    /** The run grew by {@code moreRuns} replications of {@code morePs} simulated time (precision rounds). */
    synchronized void more(int moreRuns, long morePs) {
        runs += moreRuns;
        totalPs += morePs;
        if (bar != null) {
            bar.maxHint(totalPs / BAR_UNIT_PS);
        }
    }

    void advance(long simulatedPs, long newEvents) {
        long done = simulated.addAndGet(simulatedPs);
        events.addAndGet(newEvents);
        if (quiet) {
            return;
        }
        if (bar != null) {
            bar.stepTo(done / BAR_UNIT_PS);
            return;
        }
        long now = System.nanoTime();
        long last = lastBeat.get();
        if (now - last >= HEARTBEAT_NANOS && lastBeat.compareAndSet(last, now)) {
            err.println(heartbeat(now, done));
        }
    }

    void runFinished() {
        finished.incrementAndGet();
    }

    synchronized void end() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private String heartbeat(long now, long done) {
        double seconds = (now - startNanos) / 1e9;
        double fraction = Math.min(1, done / (double) totalPs);
        String eta = fraction <= 0 ? "?" : String.format("%.0fs", seconds * (1 - fraction) / fraction);
        return String.format("iommusim: %d/%d runs done, simulated %s of %s, %.2f M events/s, ETA %s",
                finished.get(), runs, SimTime.format(done), SimTime.format(totalPs), events.get() / seconds / 1e6, eta);
    }
}
