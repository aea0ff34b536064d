package org.iommusim.scenarios.runner;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.results.DisplayUnit;

/**
 * Progress of a run on stderr, in two phases: simulating (runs done of total, simulated time in
 * the unit that suits the run's length, events per second, ETA) and drawing the report (charts
 * drawn of total). A progress bar when stderr is a console, a heartbeat line otherwise at most
 * every {@link #HEARTBEAT_NANOS}, nothing with {@code --quiet}. Thread-safe: replications on
 * several threads report into it.
 */
public final class Progress {
    static final long HEARTBEAT_NANOS = 2_000_000_000L;

    private final PrintStream err;
    private final boolean quiet;
    private final boolean console;
    private final AtomicLong simulated = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger drawn = new AtomicInteger();
    private final AtomicLong lastBeat = new AtomicLong();
    private long totalPs;
    private int runs;
    private int charts;
    private long startNanos;
    private long tickPs;
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
            DisplayUnit u = DisplayUnit.of("ps", totalPs);
            // the bar counts thousandths of the display unit and shows whole units
            tickPs = Math.max(1, Math.round(u.factor() / 1000));
            bar = bar("simulating", totalPs / tickPs, " " + u.label(), 1000);
            bar.setExtraMessage(runsMessage());
        }
    }

    /** The run grew by {@code moreRuns} replications of {@code morePs} simulated time (precision rounds). */
    synchronized void more(int moreRuns, long morePs) {
        runs += moreRuns;
        totalPs += morePs;
        if (bar != null) {
            bar.maxHint(totalPs / tickPs);
            bar.setExtraMessage(runsMessage());
        }
    }

    void advance(long simulatedPs, long newEvents) {
        long done = simulated.addAndGet(simulatedPs);
        events.addAndGet(newEvents);
        if (quiet) {
            return;
        }
        if (bar != null) {
            bar.stepTo(Math.min(done, totalPs) / tickPs);
            return;
        }
        beat(() -> heartbeat(System.nanoTime(), done));
    }

    void runFinished() {
        finished.incrementAndGet();
        ProgressBar b = bar;
        if (b != null) {
            b.setExtraMessage(runsMessage());
        }
    }

    synchronized void end() {
        close();
    }

    /** Starts the report phase: {@code chartCount} charts to draw. */
    public synchronized void beginReport(int chartCount) {
        close();
        charts = chartCount;
        drawn.set(0);
        startNanos = System.nanoTime();
        if (quiet) {
            return;
        }
        if (console) {
            bar = bar("drawing report", chartCount, " charts", 1);
        } else {
            err.println("iommusim: drawing report: " + chartCount + " charts");
        }
    }

    /** One more chart drawn. */
    public void chartDrawn() {
        int n = drawn.incrementAndGet();
        if (quiet) {
            return;
        }
        ProgressBar b = bar;
        if (b != null) {
            b.stepTo(n);
            return;
        }
        beat(() -> String.format(Locale.ROOT, "iommusim: drawing report: %d/%d charts", n, charts));
    }

    /** Ends the report phase. */
    public synchronized void endReport() {
        close();
    }

    private ProgressBar bar(String task, long max, String unit, long unitSize) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setUnit(unit, unitSize).setConsumer(new ConsoleProgressBarConsumer(err)).build();
    }

    private void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private void beat(java.util.function.Supplier<String> line) {
        long now = System.nanoTime();
        long last = lastBeat.get();
        if (now - last >= HEARTBEAT_NANOS && lastBeat.compareAndSet(last, now)) {
            err.println(line.get());
        }
    }

    private String runsMessage() {
        return finished.get() + "/" + runs + " runs";
    }

    private String heartbeat(long now, long done) {
        double seconds = (now - startNanos) / 1e9;
        double fraction = Math.min(1, done / (double) totalPs);
        String eta = fraction <= 0 ? "?" : String.format(Locale.ROOT, "%.0fs", seconds * (1 - fraction) / fraction);
        return String.format(Locale.ROOT, "iommusim: %d/%d runs done, simulated %s of %s, %.2f M events/s, ETA %s",
                finished.get(), runs, SimTime.format(done), SimTime.format(totalPs), events.get() / seconds / 1e6, eta);
    }
}
