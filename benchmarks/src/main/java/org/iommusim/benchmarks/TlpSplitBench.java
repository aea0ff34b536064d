package org.iommusim.benchmarks;

import java.util.SplittableRandom;
import org.iommusim.hw.pcie.Tlps;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Splitting a DMA into TLPs ({@link Tlps}), as a device does before it sends each TLP for
 * translation: one operation is one DMA, {@code count} of its TLPs at the maximum size, then the
 * start address of every TLP ({@code start}), summed so that nothing is optimised away.
 * DMAs: address and length from a 64 Ki-entry array drawn in {@code @Setup} — addresses
 * 64-byte aligned anywhere in 1 TiB, lengths {@code bytes} (4 KiB: 8 TLPs of 512 B; 64 KiB: 128),
 * unit 512 bytes (the usual MRRS and a large MPS). How to read: ns per DMA (lower is better);
 * divide by the TLPs per DMA for the cost per TLP.
 */
public class TlpSplitBench extends BenchSetup {
    private static final int DMAS = 1 << 16;
    private static final int UNIT = 512;

    @Param({"4096", "65536"})
    public int bytes;

    private final long[] addresses = new long[DMAS];
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < DMAS; i++) {
            addresses[i] = rnd.nextLong(1L << 40) & -64L;
        }
    }

    /** Count the TLPs of the next DMA and compute each one's start address. */
    @Benchmark
    public long split() {
        long address = addresses[next++ & (DMAS - 1)];
        long n = Tlps.count(address, bytes, UNIT);
        long sum = n;
        for (long i = 0; i < n; i++) {
            sum += Tlps.start(address, UNIT, i);
        }
        return sum;
    }
}
