package org.iommusim.hw.device;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.core.stats.Tally;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.PageSize;

/**
 * One descriptor ring of a {@link Nic}: packets arrive at fixed intervals; each takes the next
 * descriptor in ring order (if that descriptor is still busy the packet is dropped — ring
 * overflow); its buffer is DMA-written (RX) or DMA-read (TX) by the NIC's engine. With the
 * per-packet driver the buffer's page is mapped (4 KiB, read-write) before
 * the DMA and unmapped after it, so the descriptor is busy for map + DMA + unmap; with the
 * pre-mapped pool the whole ring region is mapped once by {@link #start} before the first packet.
 * How a buffer is mapped and unmapped is the ring's {@link BufferMapper}: the host's map/unmap
 * ({@link HostBufferMapper}) or a guest's PTE writes and invalidations ({@link GuestBufferMapper});
 * the ring only waits for each step's completion, so its statistics mean the same either way.
 * A map the mapper rejects (a control-plane errno, a rejected guest edit) is a map failure: the
 * packet is lost and its descriptor free at once.
 *
 * <p>Does not model: RX refill ahead of arrival (here the map is on the packet's path, the TX
 * order), interrupt moderation, descriptor fetches and write-backs, or a driver rejecting
 * packets. Descriptors are preallocated; the ring itself allocates nothing per packet (the
 * mapper and the control plane's operations do allocate a little).
 * Statistics under {@code <prefix>}: {@code packets} (descriptors recycled after a successful
 * DMA), {@code dropped}, {@code map-failures}, {@code dma-failures}, {@code packet-time}
 * (arrival to descriptor free, ps).
 */
final class NicRing {
    private final Simulator sim;
    private final NicConfig config;
    private final DmaEngine engine;
    private final BufferMapper mapper;
    private final long iovaBase;
    private final long addrBase;
    private final long regionBytes;
    private final Access access;
    private final long tagBase;
    private final Descriptor[] descriptors;
    private final Event arrival = Event.of(this::arrive);
    private final double intervalPs;
    private final Counter packets;
    private final Counter dropped;
    private final Counter mapFailures;
    private final Counter dmaFailures;
    private final Tally packetTime;
    private long start;
    private long arrivals;
    private int head;
    private boolean running;

    NicRing(Simulator sim, StatsRegistry registry, String prefix, NicConfig config, int size, Access access,
            long tagBase, DmaEngine engine, BufferMapper mapper, long iovaBase, long addrBase) {
        this.sim = sim;
        this.config = config;
        this.engine = engine;
        this.mapper = mapper;
        this.iovaBase = iovaBase;
        this.addrBase = addrBase;
        this.regionBytes = regionBytes(size, config);
        this.access = access;
        this.tagBase = tagBase;
        this.intervalPs = 1e12 / config.packetsPerSecond();
        this.descriptors = new Descriptor[size];
        for (int i = 0; i < size; i++) {
            descriptors[i] = new Descriptor(i);
        }
        String p = prefix + ".";
        packets = registry.counter(p + "packets", "packets", "packets whose buffer DMA completed");
        dropped = registry.counter(p + "dropped", "packets", "packets dropped: next descriptor still busy");
        mapFailures = registry.counter(p + "map-failures", "packets", "per-packet buffer maps rejected");
        dmaFailures = registry.counter(p + "dma-failures", "packets", "buffer DMAs aborted by a translation fault");
        packetTime = registry.tally(p + "packet-time", "ps", "packet arrival to its descriptor being free again");
    }

    /** Bytes of IOVA (and of HPA or GPA) a ring of {@code size} buffers occupies: whole pool pages. */
    static long regionBytes(int size, NicConfig config) {
        long page = config.poolPageSize().bytes();
        long bytes = (long) size * NicConfig.BUFFER_BYTES;
        return (bytes + page - 1) / page * page;
    }

    /** Starts the ring: the pool's mapping first (pool mode), then packets at line rate. */
    void start() {
        if (config.driver() == NicConfig.Driver.PREMAPPED_POOL) {
            mapper.mapPool(iovaBase, addrBase, regionBytes, config.poolPageSize(), (res, lat) -> {
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

    private void beginArrivals() {
        running = true;
        start = sim.now();
        arrivals = 0;
        sim.schedule(arrival, 0);
    }

    private void arrive() {
        if (!running) {
            return;
        }
        Descriptor d = descriptors[head];
        if (d.busy) {
            dropped.increment();
        } else {
            head = head + 1 == descriptors.length ? 0 : head + 1;
            d.busy = true;
            d.arrival = sim.now();
            if (config.driver() == NicConfig.Driver.PER_PACKET) {
                d.unmapping = false;
                mapper.map(d.iova(), d.addr(), NicConfig.BUFFER_BYTES, PageSize.SIZE_4K, d);
            } else {
                submit(d);
            }
        }
        arrivals++;
        sim.scheduleAt(arrival, start + Math.round(arrivals * intervalPs));
    }

    private void submit(Descriptor d) {
        engine.submit(d.iova(), config.packetBytes(), access, config.pasid(), tagBase + d.index);
    }

    /** The engine ended the DMA of descriptor {@code index}. */
    void dmaEnded(int index, boolean ok) {
        Descriptor d = descriptors[index];
        d.dmaOk = ok;
        if (!ok) {
            dmaFailures.increment();
        }
        d.unmapping = true;
        mapper.completed(d.iova(), NicConfig.BUFFER_BYTES, config.driver() == NicConfig.Driver.PER_PACKET, d);
    }

    private void free(Descriptor d) {
        if (d.dmaOk) {
            packets.increment();
        }
        packetTime.add(sim.now() - d.arrival);
        d.busy = false;
    }

    /** One descriptor and its buffer; its own map/unmap callback (which may run synchronously). */
    private final class Descriptor implements TimedControlPlane.Done {
        final int index;
        boolean busy;
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

        @Override
        public void done(Result<Effects> result, long latencyPs) {
            if (unmapping) {
                free(this);
            } else if (result.isOk()) {
                submit(this);
            } else {
                mapFailures.increment();
                dmaOk = false;
                packetTime.add(sim.now() - arrival);
                busy = false;
            }
        }
    }
}
