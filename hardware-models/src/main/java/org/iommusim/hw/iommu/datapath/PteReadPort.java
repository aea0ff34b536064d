package org.iommusim.hw.iommu.datapath;

import java.util.Arrays;
import org.iommusim.hw.memtiming.ReadCallback;

/**
 * The walkers' read port to memory: at most {@code limit} PTE reads outstanding (0: no limit);
 * a read beyond it waits, oldest first, for a returning read's entry. Occupancy, not latency:
 * the waiting walk keeps its walker slot ({@link org.iommusim.hw.iommu.PipelineConfig#pteReadsInFlight}).
 * A ring of waiting reads; no allocation once it has grown.
 */
final class PteReadPort {
    private final PteMemory memory;
    private final int limit;
    private int out;
    private long[] addresses = new long[8];
    private ReadCallback[] readers = new ReadCallback[8];
    private int head;
    private int waiting;

    PteReadPort(PteMemory memory, int limit) {
        this.memory = memory;
        this.limit = limit;
    }

    /** Issues the read of {@code address} now, or queues it while the port has its limit outstanding. */
    void read(long address, ReadCallback reader) {
        if (limit == 0 || out < limit) {
            out++;
            memory.read(address, reader);
            return;
        }
        if (waiting == readers.length) {
            grow();
        }
        int i = (head + waiting++) % readers.length;
        addresses[i] = address;
        readers[i] = reader;
    }

    /** A read returned: its entry goes to the oldest queued read. */
    void returned() {
        out--;
        if (waiting > 0) {
            long address = addresses[head];
            ReadCallback reader = readers[head];
            readers[head] = null;
            head = (head + 1) % readers.length;
            waiting--;
            out++;
            memory.read(address, reader);
        }
    }

    private void grow() {
        int n = readers.length * 2;
        long[] a = new long[n];
        ReadCallback[] r = new ReadCallback[n];
        for (int i = 0; i < waiting; i++) {
            a[i] = addresses[(head + i) % readers.length];
            r[i] = readers[(head + i) % readers.length];
        }
        addresses = a;
        readers = r;
        head = 0;
        Arrays.fill(readers, waiting, n, null);
    }
}
