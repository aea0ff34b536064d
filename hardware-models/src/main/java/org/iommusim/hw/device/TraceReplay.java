package org.iommusim.hw.device;

import java.util.Map;
import java.util.TreeMap;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;

/**
 * The {@code trace} preset: replays a {@link Trace} as open-loop issue — record i is submitted to
 * its device's engine ({@link IssueMode.Driven}) at {@code start + time(i)}, whatever the
 * device's progress; a record finding every tag busy waits in the engine in arrival order. One
 * event, rescheduled per record; allocates nothing while replaying.
 *
 * <p>Every device in the trace must have an engine: the constructor rejects an unknown one
 * with a {@link TraceFormatException} naming the first line that uses it.
 * Does not model: dependencies between requests (a trace is open-loop by definition).
 */
public final class TraceReplay {
    private final Simulator sim;
    private final Trace trace;
    private final DmaEngine[] byRecord;
    private final Event next = Event.of(this::fire);
    private long start;
    private int index;

    public TraceReplay(Simulator sim, Trace trace, Map<Integer, DmaEngine> engines, String source) {
        this.sim = sim;
        this.trace = trace;
        this.byRecord = new DmaEngine[trace.size()];
        for (int i = 0; i < trace.size(); i++) {
            DmaEngine e = engines.get(trace.device(i));
            if (e == null) {
                throw new TraceFormatException(source, trace.line(i), "device", "got '" + trace.device(i)
                        + "'; allowed: the replay's devices " + new TreeMap<>(engines).keySet());
            }
            byRecord[i] = e;
        }
    }

    /** Starts the replay now (the engines must be started). */
    public void start() {
        start = sim.now();
        index = 0;
        if (trace.size() > 0) {
            sim.scheduleAt(next, start + trace.timePs(0));
        }
    }

    /** Records submitted so far. */
    public int submitted() {
        return index;
    }

    public boolean finished() {
        return index == trace.size();
    }

    private void fire() {
        int i = index++;
        byRecord[i].submit(trace.iova(i), trace.bytes(i), trace.access(i), trace.pasid(i), i);
        if (index < trace.size()) {
            sim.scheduleAt(next, start + trace.timePs(index));
        }
    }
}
