package org.iommusim.hw.device;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStream;
import org.iommusim.core.random.Delay;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.PageSize;

/**
 * An NVMe drive and its host driver at a fixed queue depth (fio {@code rw=randrw,
 * iodepth=Q}, one I/O queue pair): the NVMe protocol's DMAs through a {@link DmaEngine} in
 * {@link IssueMode.Driven} mode, and the flash behind them ({@link FlashMedia}). Per I/O, in
 * order, every DMA translated through the IOMMU like any other:
 * <ol>
 *   <li>the driver writes the 64 B command into the submission queue (SQ) in host memory and
 *       rings the doorbell (an MMIO write: no DMA);</li>
 *   <li>command fetch: a 64 B DMA read of the SQ entry;</li>
 *   <li>PRP list fetch, only when the data spans more than two pages: a DMA read of 8 B per
 *       page after the first from the command's PRP list page;</li>
 *   <li>the controller processes the command ({@link NvmeConfig#commandPs}, or a draw per command from
 *       {@link NvmeConfig#commandTime} on stream {@code <prefix>.command-time}: parse, FTL lookup,
 *       completion posting, all charged here): one command at a time, first come first served,
 *       so the drive cannot exceed {@link NvmeConfig#controllerIops} commands per second;</li>
 *   <li>a storage read senses the flash ({@link FlashMedia#read}), then DMA-writes the data
 *       into the buffer; a storage write DMA-reads the data, then waits for the write buffer
 *       ({@link FlashMedia#write});</li>
 *   <li>a 16 B DMA write of the completion-queue (CQ) entry;</li>
 *   <li>the MSI-X interrupt: a 4 B DMA write to the MSI doorbell page, mapped in the device's
 *       IOVA space as Linux maps it behind an Arm SMMU (under VT-d an interrupt goes through
 *       interrupt remapping instead; modelled the same way). One interrupt per completion, as
 *       Linux's nvme driver leaves interrupt coalescing off;</li>
 *   <li>the driver's host CPU work per I/O ({@code perIoPs}: the block layer and nvme driver's
 *       submission and completion paths, charged at the completion through the drivers' one
 *       per-packet hook, {@link DriverWork}, on a host core, category {@code driver}); when the
 *       cores cannot keep up the I/O waits for one, so a CPU-limited drive does
 *       {@code cores / perIoPs} I/Os per second;</li>
 *   <li>the I/O is complete (its latency includes the driver's work, as fio's completion latency
 *       does), and the driver submits the next one at once (closed loop).</li>
 * </ol>
 * The queue memory ({@link NvmeQueues}: SQ, CQ, MSI page, PRP lists) is at {@code queueIova}.
 * The driver maps it once at {@link #start} through its {@link BufferMapper} (host map or guest PTE writes), unless
 * the caller mapped it ({@link #premapped}). The data buffers are drawn uniformly from the
 * working set at {@code dataIova}, which the scenario maps. A DMA aborted by a translation fault
 * fails its I/O (counted), and the slot submits the next.
 *
 * <p>Random streams: {@code <prefix>.address} (buffers), {@code <prefix>.rw} (read/write mix),
 * {@code <prefix>.media} (dies and latencies). Statistics: {@link NvmeStats} and the media's under
 * {@code prefix}, the DMAs' under the engine's. Does not model: several queue pairs, SQ
 * arbitration, doorbell MMIO time, splitting the per-I/O CPU between submission and completion
 * (it is all charged at the completion: the same core time, the same closed-loop throughput),
 * or NVMe interrupt aggregation.
 */
public final class NvmeDrive implements DmaListener {
    private final Simulator sim;
    private final NvmeConfig config;
    private final DmaEngine engine;
    private final BufferMapper mapper;
    private final FlashMedia media;
    /** The controller's time per command: 1 / controllerIops, or a draw per command ({@link NvmeConfig#commandTime}). */
    private final Delay commandTime;
    private final NvmeStats stats;
    private final AddressPattern buffers;
    private final RandomStream rw;
    private final NvmeQueues queues;
    private final Slot[] slots;
    /** When the controller is done with the commands it has accepted. */
    private long controllerFreeAt;
    private boolean running;

    private NvmeDrive(Simulator sim, StatsRegistry registry, RandomStreams streams, String prefix, NvmeConfig config,
                      DmaEngine engine, BufferMapper mapper, long dataIova, long queueIova, long queueAddr) {
        // mapper: the queue memory's maps and, wrapped by DriverWork, the per-I/O host work
        this.queues = new NvmeQueues(config, queueIova, queueAddr);
        this.sim = sim;
        this.config = config;
        this.engine = engine;
        this.mapper = mapper;
        this.media = new FlashMedia(sim, registry, prefix, config.flash(), streams.stream(prefix + ".media"));
        this.commandTime = Delay.of(config.commandPs(), config.commandTime(), streams, prefix + ".command-time");
        this.stats = new NvmeStats(sim, registry, prefix);
        this.buffers = AddressPatterns.create(config.pattern(dataIova), streams.stream(prefix + ".address"));
        this.rw = streams.stream(prefix + ".rw");
        this.slots = new Slot[config.queueDepth()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot(i);
        }
        engine.setListener(this);
    }

    /**
     * A host driver: maps its queue memory to host physical {@code queueAddr} on map-unmap IOASID
     * {@code ioasid}; {@code perIoPs} of host CPU per I/O (0: none).
     */
    public static NvmeDrive onHost(Simulator sim, StatsRegistry registry, RandomStreams streams, String prefix,
                                   NvmeConfig config, DmaEngine engine, TimedControlPlane tcp, int ioasid,
                                   long dataIova, long queueIova, long queueAddr, long perIoPs) {
        return new NvmeDrive(sim, registry, streams, prefix, config, engine,
                DriverWork.around(new HostBufferMapper(tcp, ioasid), tcp, perIoPs), dataIova, queueIova, queueAddr);
    }

    /**
     * A guest driver: maps its queue memory by PTE writes in {@code table} (bound to a
     * bind-invalidate IOASID) to guest physical {@code queueAddr}, which the parent must map;
     * {@code perIoPs} of host CPU per I/O (0: none; a guest's stack is charged on a host core).
     */
    public static NvmeDrive inGuest(Simulator sim, StatsRegistry registry, RandomStreams streams, String prefix,
                                    NvmeConfig config, DmaEngine engine, TimedControlPlane tcp, GuestPageTable table,
                                    long dataIova, long queueIova, long queueAddr, long perIoPs) {
        return new NvmeDrive(sim, registry, streams, prefix, config, engine,
                DriverWork.around(new GuestBufferMapper(tcp, table), tcp, perIoPs), dataIova, queueIova, queueAddr);
    }

    /** A drive whose queue memory at {@code queueIova} the caller has already mapped. */
    public static NvmeDrive premapped(Simulator sim, StatsRegistry registry, RandomStreams streams, String prefix,
                                      NvmeConfig config, DmaEngine engine, long dataIova, long queueIova) {
        return new NvmeDrive(sim, registry, streams, prefix, config, engine, null, dataIova, queueIova, 0);
    }

    /** Starts the engine, maps the queues (unless premapped), then fills the queue depth. */
    public void start() {
        engine.start();
        if (mapper == null) {
            begin();
            return;
        }
        mapper.mapPool(queues.iova(), queues.addr(), config.queueBytes(), PageSize.SIZE_4K, (res, lat) -> {
            if (!res.isOk()) {
                throw new IllegalStateException("NVMe queue memory map rejected: " + res.error());
            }
            begin();
        });
    }

    /** Stops submitting; I/Os in flight finish. */
    public void stop() {
        running = false;
    }

    public DmaEngine engine() {
        return engine;
    }

    public FlashMedia media() {
        return media;
    }

    public NvmeStats stats() {
        return stats;
    }

    private void begin() {
        running = true;
        for (Slot s : slots) {
            submit(s);
        }
    }

    private void submit(Slot s) {
        s.submitted = sim.now();
        s.read = rw.nextDouble() < config.readFraction();
        s.buffer = buffers.next();
        s.phase = Phase.FETCH;
        stats.submitted();
        dma(s, queues.nextSubmission(), NvmeConfig.SQ_ENTRY_BYTES, Access.READ);
    }

    private void dma(Slot s, long iova, int bytes, Access access) {
        engine.submit(iova, bytes, access, config.pasid(), s.index);
    }

    @Override
    public void ended(int device, long tag, boolean ok, long latencyPs) {
        Slot s = slots[(int) tag];
        if (!ok) {
            stats.ioFailed();
            next(s);
            return;
        }
        stats.dmaDone(s.phase);
        switch (s.phase) {
            case FETCH -> {
                int listBytes = config.prpListBytes();
                if (listBytes > 0) {
                    s.phase = Phase.PRP_LIST;
                    dma(s, queues.prpList(s.index), listBytes, Access.READ);
                } else {
                    process(s);
                }
            }
            case PRP_LIST -> process(s);
            case DATA -> {
                if (s.read) {
                    completeEntry(s);
                } else {
                    s.phase = Phase.MEDIA;
                    media.write(config.blockBytes(), s);
                }
            }
            case COMPLETION -> {
                s.phase = Phase.INTERRUPT;
                dma(s, queues.msi(), NvmeConfig.MSI_BYTES, Access.WRITE);
            }
            case INTERRUPT -> {
                if (mapper == null) {
                    finish(s);
                } else {
                    mapper.completed(s.buffer, config.blockBytes(), false, (r, lat) -> finish(s));
                }
            }
            default -> throw new IllegalStateException("a DMA ended in phase " + s.phase);
        }
    }

    /** The controller takes the fetched command when it is free, then starts its data phase. */
    private void process(Slot s) {
        long ps = commandTime.next();
        if (ps == 0 && commandTime.isFixed()) {
            startData(s);
            return;
        }
        s.phase = Phase.CONTROLLER;
        long start = Math.max(sim.now(), controllerFreeAt);
        stats.controllerWait(start - sim.now());
        controllerFreeAt = start + ps;
        sim.scheduleAt(s.processed, controllerFreeAt);
    }

    /** A storage read goes to the flash first; a storage write's data is DMA-read first. */
    private void startData(Slot s) {
        if (s.read) {
            s.phase = Phase.MEDIA;
            media.read(config.blockBytes(), s);
        } else {
            s.phase = Phase.DATA;
            dma(s, s.buffer, config.blockBytes(), Access.READ);
        }
    }

    private void completeEntry(Slot s) {
        s.phase = Phase.COMPLETION;
        dma(s, queues.nextCompletion(), NvmeConfig.CQ_ENTRY_BYTES, Access.WRITE);
    }

    /** The driver has done its completion work: the I/O is complete. */
    private void finish(Slot s) {
        stats.completed(s.read, sim.now() - s.submitted);
        next(s);
    }

    private void next(Slot s) {
        s.phase = Phase.IDLE;
        if (running) {
            submit(s);
        }
    }

    /** Where an I/O is. */
    enum Phase { IDLE, FETCH, PRP_LIST, CONTROLLER, MEDIA, DATA, COMPLETION, INTERRUPT }

    /** One outstanding I/O (a command identifier); its DMAs carry its index as their tag. */
    private final class Slot implements FlashMedia.Done {
        final int index;
        /** The controller is done with this slot's command. */
        final Event processed = Event.of(() -> startData(this));
        Phase phase = Phase.IDLE;
        boolean read;
        long buffer;
        long submitted;

        Slot(int index) {
            this.index = index;
        }

        @Override
        public void mediaDone() {
            if (read) {
                phase = Phase.DATA;
                dma(this, buffer, config.blockBytes(), Access.WRITE);
            } else {
                completeEntry(this);
            }
        }
    }
}
