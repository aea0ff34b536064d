package org.iommusim.hw.workload;

/**
 * A guest or host behaviour that changes translations while devices run: it schedules its own
 * events on the run's simulator and issues operations through the timed control plane. Built
 * by its {@link WorkloadConfig#create}; {@link #start()} once, {@link #stop()} to issue no more
 * (operations already issued complete).
 */
public interface ControlWorkload {
    /** The workload's name ({@link WorkloadConfig#name()}). */
    String name();

    /** Starts issuing operations now. */
    void start();

    /** Issues no further operations. */
    void stop();

    /** This workload's own statistics. */
    WorkloadStats stats();
}
