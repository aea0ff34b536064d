package org.iommusim.hw.device;

import it.unimi.dsi.fastutil.ints.IntArrayFIFOQueue;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.PageSize;

/**
 * One descriptor ring of a {@link Nic}: packets arrive at fixed intervals (RX from when the NIC
 * has fetched the ring the driver posted at start, TX at once) and each takes the next
 * descriptor in ring order — dropped if that descriptor is not the NIC's (ring overflow). Every
 * DMA goes through the NIC's engine and the IOMMU ({@link RingProtocol} sizes):
 * <ul>
 *   <li>RX: the driver owns a descriptor from its packet's processing until it returns it; it
 *       returns them {@code refillBatch} at a time (one tail write), and the NIC then fetches
 *       the batch in one DMA read of the descriptors; only fetched descriptors take packets.
 *       Per packet: the data DMA write, then the descriptor write-back (a DMA write of the
 *       descriptor).</li>
 *   <li>TX: per packet, the driver fills the descriptor and rings the doorbell; the NIC fetches
 *       the descriptor (DMA read), reads the data (DMA read) and writes the descriptor back.</li>
 *   <li>Both: a written-back packet asks the ring's interrupt ({@link InterruptModerator}); the
 *       interrupt is an MSI-X DMA write, after which the driver processes every written-back
 *       descriptor: with the per-packet driver it unmaps the buffer (and RX then returns the
 *       descriptor), with the pool it returns it at once.</li>
 * </ul>
 * The per-packet driver maps the buffer's page (4 KiB, read-write) through the ring's
 * {@link BufferMapper} (host map/unmap or guest PTE writes and invalidations) when the packet
 * takes its descriptor; a rejected map loses the packet and returns its descriptor at once. A
 * DMA aborted by a translation fault ends its packet as a DMA failure (no further DMAs for it).
 *
 * <p>Does not model: RX buffers mapped ahead of arrival (the map is on the packet's path), NAPI
 * budgets, header split, a refill that wraps the ring end fetched as two reads (it is one read
 * clipped at the end), or a driver rejecting packets. Statistics: {@link NicRingStats}.
 */
final class NicRing {
    /** What a ring DMA is, in its tag ({@code tagBase + kind << 24 + descriptor}). */
    static final int DATA = 0, FETCH = 1, WRITE_BACK = 2, INTERRUPT = 3;

    private final Simulator sim;
    private final NicConfig config;
    private final DmaEngine engine;
    private final BufferMapper mapper;
    private final long iovaBase;
    private final long addrBase;
    private final long descriptorIova;
    private final long msiIova;
    private final int descriptorBytes;
    private final boolean rx;
    private final long tagBase;
    private final Descriptor[] descriptors;
    private final IntArrayFIFOQueue written = new IntArrayFIFOQueue();
    private final RefillBatches refill;
    private final InterruptModerator interrupt;
    private final Event arrival = Event.of(this::arrive);
    private final double intervalPs;
    private final NicRingStats stats;
    private long start;
    private long arrivals;
    private int head;
    private int initialFetches;
    private boolean running;

    NicRing(Simulator sim, StatsRegistry registry, String prefix, NicConfig config, int size, Access access,
            long tagBase, DmaEngine engine, BufferMapper mapper, long iovaBase, long addrBase, long descriptorIova,
            long msiIova) {
        this.sim = sim;
        this.config = config;
        this.engine = engine;
        this.mapper = mapper;
        this.iovaBase = iovaBase;
        this.addrBase = addrBase;
        this.descriptorIova = descriptorIova;
        this.msiIova = msiIova;
        this.rx = access == Access.WRITE;
        this.descriptorBytes = rx ? config.protocol().rxDescriptorBytes() : config.protocol().txDescriptorBytes();
        this.tagBase = tagBase;
        this.intervalPs = 1e12 / config.packetsPerSecond();
        this.descriptors = new Descriptor[size];
        for (int i = 0; i < size; i++) {
            descriptors[i] = new Descriptor(i);
        }
        this.refill = new RefillBatches(size, config.protocol().refillBatch());
        this.interrupt = new InterruptModerator(sim, config.protocol().interruptIntervalPs(), this::raise);
        this.stats = new NicRingStats(registry, prefix);
    }

    /** Starts the ring: the pool's mapping first (pool mode), then RX posts its ring, then packets at line rate. */
    void start() {
        if (config.driver() == NicConfig.Driver.PREMAPPED_POOL) {
            mapper.mapPool(iovaBase, addrBase, Nic.regionBytes(descriptors.length, config), config.poolPageSize(),
                    (res, lat) -> {
                        if (!res.isOk()) {
                            throw new IllegalStateException("NIC buffer pool map rejected: " + res.error());
                        }
                        beginArrivals();
                    });
        } else {
            beginArrivals();
        }
    }

    /** Stops accepting packets; those in flight finish. */
    void stop() {
        running = false;
        sim.cancel(arrival);
    }

    /** RX posts its whole ring first and takes packets once the NIC has fetched it; TX starts at once. */
    private void beginArrivals() {
        initialFetches = rx ? descriptors.length / config.protocol().refillBatch() : 0;
        for (Descriptor d : descriptors) {
            release(d);
        }
        if (!rx) {
            startArrivals();
        }
    }

    private void startArrivals() {
        running = true;
        start = sim.now();
        arrivals = 0;
        sim.schedule(arrival, 0);
    }

    private void arrive() {
        if (!running) {
            return;
        }
        stats.arrivalCount.increment();
        Descriptor d = descriptors[head];
        if (!d.nics) {
            stats.dropped.increment();
        } else {
            head = head + 1 == descriptors.length ? 0 : head + 1;
            d.nics = false;
            d.arrival = sim.now();
            d.dmaOk = true;
            if (config.driver() == NicConfig.Driver.PER_PACKET) {
                d.unmapping = false;
                mapper.map(d.iova(), d.addr(), NicConfig.BUFFER_BYTES, PageSize.SIZE_4K, d);
            } else {
                firstDma(d);
            }
        }
        arrivals++;
        sim.scheduleAt(arrival, start + Math.round(arrivals * intervalPs));
    }

    /** RX: the data (its descriptor was fetched); TX: the descriptor fetch. */
    private void firstDma(Descriptor d) {
        if (rx) {
            dma(DATA, d.index, d.iova(), config.packetBytes(), Access.WRITE);
        } else {
            stats.fetches.increment();
            dma(FETCH, d.index, d.descriptor(), descriptorBytes, Access.READ);
        }
    }

    private void dma(int kind, int index, long iova, int bytes, Access a) {
        engine.submit(iova, bytes, a, config.pasid(), tagBase + ((long) kind << 24) + index);
    }

    /** The engine ended one of this ring's DMAs. */
    void dmaEnded(int kind, int index, boolean ok) {
        if (kind == INTERRUPT) {
            process();
            return;
        }
        if (kind == FETCH && rx) {
            for (int k : refill.members(index)) {
                descriptors[k].nics = true;
            }
            if (initialFetches > 0 && --initialFetches == 0) {
                startArrivals();
            }
            return;
        }
        Descriptor d = descriptors[index];
        if (!ok) {
            stats.dmaFailures.increment();
            d.dmaOk = false;
            completed(d);
            return;
        }
        switch (kind) {
            case FETCH -> dma(DATA, index, d.iova(), config.packetBytes(), Access.READ);
            case DATA -> {
                stats.writeBacks.increment();
                dma(WRITE_BACK, index, d.descriptor(), descriptorBytes, Access.WRITE);
            }
            case WRITE_BACK -> completed(d);
            default -> throw new IllegalStateException("unknown ring DMA kind " + kind);
        }
    }

    /** The NIC is done with the packet: it waits for the ring's (moderated) interrupt. */
    private void completed(Descriptor d) {
        written.enqueue(d.index);
        interrupt.request();
    }

    private void raise() {
        stats.interrupts.increment();
        dma(INTERRUPT, 0, msiIova, RingProtocol.MSI_BYTES, Access.WRITE);
    }

    /** The interrupt arrived: the driver takes every written-back descriptor. */
    private void process() {
        while (!written.isEmpty()) {
            Descriptor d = descriptors[written.dequeueInt()];
            d.unmapping = true;
            mapper.completed(d.iova(), NicConfig.BUFFER_BYTES, config.driver() == NicConfig.Driver.PER_PACKET, d);
        }
    }

    private void free(Descriptor d) {
        if (d.dmaOk) {
            stats.packets.increment();
        }
        stats.packetTime.add(sim.now() - d.arrival);
        release(d);
    }

    /** The driver is done with the descriptor: TX's is free at once, RX's waits for the refill batch. */
    private void release(Descriptor d) {
        if (rx) {
            giveBack(d);
        } else {
            d.nics = true;
        }
    }

    /**
     * RX: returns a descriptor to the NIC; every refill batch (the oldest returned), one tail
     * write and one read of the batch's descriptors, after which they take packets.
     */
    private void giveBack(Descriptor d) {
        int slot = refill.add(d.index);
        if (slot < 0) {
            return;
        }
        int n = config.protocol().refillBatch();
        int first = refill.members(slot)[0];
        stats.refills.increment();
        stats.fetches.increment();
        dma(FETCH, slot, descriptorIova + (long) first * descriptorBytes,
                Math.min(n, descriptors.length - first) * descriptorBytes, Access.READ);
    }

    /** One descriptor and its buffer; its own map/unmap callback (which may run synchronously). */
    private final class Descriptor implements TimedControlPlane.Done {
        final int index;
        /** The NIC may put the next packet here (RX: posted and fetched; TX: free). */
        boolean nics;
        boolean unmapping;
        boolean dmaOk;
        long arrival;

        Descriptor(int index) {
            this.index = index;
        }

        long iova() {
            return iovaBase + (long) index * NicConfig.BUFFER_BYTES;
        }

        /** The buffer's output address in the mapper's table: an HPA (host) or a GPA (guest). */
        long addr() {
            return addrBase + (long) index * NicConfig.BUFFER_BYTES;
        }

        long descriptor() {
            return descriptorIova + (long) index * descriptorBytes;
        }

        @Override
        public void done(Result<Effects> result, long latencyPs) {
            if (unmapping) {
                free(this);
            } else if (result.isOk()) {
                firstDma(this);
            } else {
                stats.mapFailures.increment();
                dmaOk = false;
                stats.packetTime.add(sim.now() - arrival);
                release(this);
            }
        }
    }
}
