package org.iommusim.scenarios.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.DistributionSpec;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.resource.QueueWatch;
import org.iommusim.core.results.Snapshot;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.iommu.control.CostDistributions;
import org.iommusim.hw.iommu.control.HostCpu;
import org.iommusim.hw.iommu.control.ViommuMode;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.device.DmaEngine;
import org.iommusim.hw.iommu.fault.FaultQueue;
import org.iommusim.hw.iommu.fault.PageRequestGroups;
import org.iommusim.hw.iommu.fault.PageRequestPath;
import org.iommusim.hw.iommu.fault.PriConfig;
import org.iommusim.hw.iommu.inval.InvalidationQueue;
import org.iommusim.hw.iommu.fault.FaultReporter;
import org.iommusim.hw.iommu.datapath.PteMemory;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.memtiming.MemoryModel;
import org.iommusim.hw.workload.ControlWorkload;
import org.iommusim.hw.workload.WorkloadContext;
import org.iommusim.scenarios.schema.DeviceSpec;
import org.iommusim.scenarios.schema.IoasidSpec;
import org.iommusim.scenarios.schema.Scenario;

/**
 * One replication of a scenario, built and wired in two steps (DESIGN §4 principle 5): the
 * functional IOASID tree ({@link AddressSpaces}), then the timed components under fixed
 * statistic prefixes — {@code mem}, {@code iommu}, {@code host}, {@code invq}, {@code faultq},
 * {@code pri}, {@code cp}, devices under {@code dev.<name>}, workloads under {@code wl.<name>},
 * headline figures under {@code run} — then {@link #run} simulates the warm-up, resets the
 * statistics, and measures for the scenario's duration (or until {@code maxDmas} DMAs completed).
 * Nothing is shared between replications: each has its own simulator and streams
 * ({@code RandomStreams(seed, index)}).
 */
public final class Assembly {
    /** How often the DMA-count stop condition is checked, in simulated time. */
    static final long STOP_CHECK_PS = SimTime.US;

    private final Scenario scenario;
    private final Simulator sim;
    private final StatsRegistry stats;
    private final List<Devices.Built> devices = new ArrayList<>();
    private final List<ControlWorkload> workloads;
    private final RunStatistics run;
    private long reportedEvents;

    public Assembly(Scenario scenario, Path baseDir, Located at, long masterSeed, int replication) {
        this(scenario, baseDir, at, masterSeed, replication, Extensions.BUILT_IN);
    }

    /** One replication built with {@code extensions}' device presets and workload kinds. */
    public Assembly(Scenario scenario, Path baseDir, Located at, long masterSeed, int replication,
                    Extensions extensions) {
        this.scenario = scenario;
        this.sim = new Simulator();
        this.stats = new StatsRegistry(sim);
        RandomStreams streams = new RandomStreams(masterSeed, replication);
        AddressSpaces spaces = new AddressSpaces(scenario, at);
        checkCaches(scenario, at);
        PriRules.check(scenario, at, k -> extensions.presets().get(k).usesAts());
        DistributionSpec memoryDraws = at.build("iommu.memory.latencyDistribution",
                () -> scenario.iommu().memory().latencyDistribution().toSpec(baseDir));
        MemoryModel mem = at.build("iommu.memory", () -> new MemoryModel(sim, stats, streams, "mem",
                scenario.iommu().memory().toConfig().withLatencyDistribution(memoryDraws)));
        TimedIommu iommu = at.build("iommu", () -> new TimedIommu(scenario.iommu().toConfig(), sim, stats, streams,
                spaces.controlPlane(), PteMemory.of(mem), "iommu"));
        HostCpu cpu = new HostCpu(sim, stats, "host", scenario.host().cpu());
        FaultQueue faults = at.build("iommu.faultQueue", () -> new FaultQueue(sim, stats, "faultq",
                scenario.iommu().faultQueue().toConfig(), cpu.cores(), null));
        iommu.setFaultReporter(FaultReporter.of(faults, spaces.controlPlane()));
        InvalidationQueue queue = at.build("iommu.invalidationQueue", () -> new InvalidationQueue(sim, stats, "invq",
                scenario.iommu().invalidationQueue().toConfig(), iommu.effectHook()));
        CostDistributions costDraws = scenario.host().costs().distributions(
                (key, section) -> at.build("host.costs." + key, () -> section.toSpec(baseDir)));
        TimedControlPlane tcp = at.build("host", () -> new TimedControlPlane(sim, stats, "cp", spaces.controlPlane(),
                iommu, cpu, scenario.host().costs().toConfig().withDistributions(costDraws), queue,
                scenario.host().unmap().toConfig()));
        tcp.drawCosts(streams, "cp");
        tcp.configurePaths(scenario.host().paths());
        checkViommu(scenario, at);
        if (scenario.iommu().pri().enabled()) {
            PriConfig pc = scenario.iommu().pri().toConfig();
            PageRequestPath pri = new PageRequestPath(sim, stats, "pri", pc);
            iommu.setPageRequests(new PageRequestGroups(pri, spaces.controlPlane(), pageRequests(scenario, spaces, tcp),
                    pc, stats, "pri"));
        }
        long measureEnd = scenario.warmup() + scenario.duration();
        new QueueWatch(sim, stats, "host.cpu", cpu.cores(), scenario.warmup(), measureEnd, tcp::refused);
        new QueueWatch(sim, stats, "iommu.walkers", iommu.walkers(), scenario.warmup(), measureEnd, null);
        Wiring w = new Wiring(sim, stats, streams, spaces, iommu, tcp, at,
                org.iommusim.hw.iommu.arch.ArchPresets.find(scenario.iommu().preset()).orElse(null), baseDir);
        List<DmaEngine> engines = new ArrayList<>();
        List<WorkloadContext.AttachedEngine> attached = new ArrayList<>();
        for (int i = 0; i < scenario.devices().size(); i++) {
            DeviceSpec d = scenario.devices().get(i);
            Devices.Built b = Devices.build(w, extensions.presets(), d, d.id() == 0 ? i + 1 : d.id(), baseDir);
            devices.add(b);
            engines.add(b.engine());
            attached.add(new WorkloadContext.AttachedEngine(spaces.id(d.ioasid()), b.engine()));
        }
        workloads = Workloads.build(w, extensions.workloads(), scenario, attached);
        run = new RunStatistics(w, engines, scenario.warmup(), faults);
    }

    /** Hardware guest queues cannot feed a shadow: the host must see a shadowed guest's invalidations. */
    private static void checkViommu(Scenario s, Located at) {
        if (s.host().viommu() != ViommuMode.HW_QUEUE) {
            return;
        }
        for (var x : s.ioasids()) {
            if (x.nesting() == Nesting.SOFTWARE) {
                throw at.fail("host.viommu", " is hw-queue (the guest's invalidations go to the IOMMU without the host),"
                        + " but IOASID '" + x.name() + "' is nested in software, whose shadow needs them: use"
                        + " hardware nesting or another vIOMMU mode");
            }
        }
    }

    /** Each cache section's shape, reported at its own key (the IOMMU would name only "iommu"). */
    private static void checkCaches(Scenario s, Located at) {
        at.build("iommu.tbuMicroTlb", s.iommu().tbuMicroTlb()::toConfig);
        at.build("iommu.iotlb", s.iommu().iotlb()::toConfig);
        at.build("iommu.walkCache", s.iommu().walkCache()::toConfig);
        at.build("iommu.nestedTlb", s.iommu().nestedTlb()::toConfig);
        at.build("iommu.contextCache", s.iommu().contextCache()::toConfig);
        for (int i = 0; i < s.iommu().walkCacheLevels().size(); i++) {
            at.build("iommu.walkCacheLevels." + i, s.iommu().walkCacheLevels().get(i)::toConfig);
        }
    }

    private static PageRequests pageRequests(Scenario scenario, AddressSpaces spaces, TimedControlPlane tcp) {
        int n = 0;
        for (IoasidSpec x : scenario.ioasids()) {
            n = Math.max(n, spaces.id(x.name()) + 1);
        }
        boolean[] recoverable = new boolean[n];
        long[] offset = new long[n];
        for (IoasidSpec x : scenario.ioasids()) {
            recoverable[spaces.id(x.name())] = x.pageRequests();
            offset[spaces.id(x.name())] = x.pageRequestOffset();
        }
        return new PageRequests(spaces, tcp, recoverable, offset, scenario.iommu().pri().maxAttempts());
    }

    /** How many time series a replication samples when {@code sampling} is on. */
    public static int timeSeriesPerReplication() {
        return RunStatistics.TIME_SERIES;
    }

    public Simulator simulator() {
        return sim;
    }

    /** Page translations the devices requested since the warm-up reset (what {@code bench model} counts). */
    public long translationsRequested() {
        return run.translationsRequested();
    }

    /** The replication's statistics registry (for the generated statistics reference). */
    public StatsRegistry statistics() {
        return stats;
    }

    /**
     * Watches a running replication from the simulation thread: told about progress every
     * {@link Assembly#MONITOR_STEPS}th of the run (at most every 10 µs simulated), and asked whether
     * to stop early (Ctrl-C).
     */
    public interface Monitor {
        Monitor NONE = new Monitor() {
        };

        default boolean cancelled() {
            return false;
        }

        /** {@code simulatedPs} more simulated time and {@code events} more events since the last call. */
        default void progressed(long simulatedPs, long events) {
        }
    }

    /** How many progress reports (and cancellation checks) a replication makes, at least. */
    static final int MONITOR_STEPS = 200;
    /**
     * The longest simulated time between two checks, so that Ctrl-C stops a long replication
     * within a moment of wall time (a check per 10 µs simulated costs nothing measurable).
     */
    static final long MAX_MONITOR_STEP_PS = 10 * SimTime.US;

    /** Starts everything, runs warm-up and measurement, and returns the statistics at the end. */
    public Snapshot run() {
        return run(Monitor.NONE);
    }

    /** As {@link #run()}, reporting to {@code monitor}; a cancelled run stops early (its snapshot is partial). */
    public Snapshot run(Monitor monitor) {
        if (scenario.autoWarmup()) {
            throw new IllegalStateException("warmup: auto must be chosen before a run (ScenarioModel.runMeasured)");
        }
        devices.forEach(Devices.Built::start);
        workloads.forEach(ControlWorkload::start);
        stats.resetAfter(scenario.warmup());
        if (scenario.sampling() > 0) { // the series cover the measured window only
            sim.scheduleAt(new Event() {
                @Override
                public void fire() {
                    run.startWindow();
                    stats.startSampling(scenario.sampling());
                }
            }, scenario.warmup());
        }
        long end = scenario.warmup() + scenario.duration();
        if (scenario.maxDmas() > 0) {
            sim.schedule(new Event() {
                @Override
                public void fire() {
                    if (sim.now() >= scenario.warmup() && run.dmasCompleted() >= scenario.maxDmas()) {
                        sim.stop();
                    } else {
                        sim.schedule(this, STOP_CHECK_PS);
                    }
                }
            }, STOP_CHECK_PS);
        }
        if (monitor != Monitor.NONE) {
            watch(monitor, Math.max(1, Math.min(end / MONITOR_STEPS, MAX_MONITOR_STEP_PS)));
        }
        sim.runUntil(end);
        monitor.progressed(0, sim.eventsExecuted() - reportedEvents);
        return stats.snapshot();
    }

    private void watch(Monitor monitor, long step) {
        sim.schedule(new Event() {
            @Override
            public void fire() {
                monitor.progressed(step, sim.eventsExecuted() - reportedEvents);
                reportedEvents = sim.eventsExecuted();
                if (monitor.cancelled()) {
                    sim.stop();
                } else {
                    sim.schedule(this, step);
                }
            }
        }, step);
    }
}
