package org.iommusim.hw.device;

import org.iommusim.core.kernel.SimTime;

/**
 * The NAND back end of an NVMe drive ({@link FlashMedia}): dies that each sense or program one
 * page at a time, the channels that carry data between dies and controller, and the
 * power-loss-protected DRAM write buffer that absorbs writes. Latencies are drawn uniformly
 * between a minimum and a maximum (datasheets give a bound, not a distribution). Defaults
 * ({@link #defaults()}) model a 3.84 TB Gen4 datacenter drive on Samsung 6th-generation
 * (128-layer TLC) V-NAND, the flash of the Samsung PM9A3; provenance in docs/CALIBRATION.md:
 * <ul>
 *   <li>{@code dies} = 64: 3.84 TB of 512 Gb dies is 60 dies, plus over-provisioning; a power of
 *       two (assumption from the die size);</li>
 *   <li>{@code channels} = 8, each {@code channelBytesPerSecond} = 1.4 GB/s (Toggle DDR 4.0 at
 *       1.4 Gb/s per pin on an 8-bit bus, Samsung's V5 announcement; 8 channels an assumption);</li>
 *   <li>read (array sense, tR) 35–45 µs: Samsung states "below 45 µs" for V6 reads; the lower
 *       end is an assumption;</li>
 *   <li>program (tPROG) 400–450 µs: Samsung states "below 450 µs" for V6 writes; the lower end
 *       is an assumption; {@code programBytes} = 96 KiB per program (one-shot TLC: three 16 KiB
 *       pages on each of two planes; assumption);</li>
 *   <li>{@code writeBufferBytes} = 4 MiB of buffered writes not yet programmed (assumption), and
 *       the controller's time to accept a write into it 6–10 µs (assumption, chosen so that the
 *       end-to-end QD1 write latency is of the 20 µs datasheets quote, e.g. Intel P4500).</li>
 * </ul>
 */
public record FlashConfig(int dies, int channels, double channelBytesPerSecond, long readMinPs, long readMaxPs,
                          long programMinPs, long programMaxPs, int programBytes, long writeBufferBytes,
                          long bufferMinPs, long bufferMaxPs) {
    public FlashConfig {
        if (dies < 1 || channels < 1 || channels > dies) {
            throw new IllegalArgumentException("need 1 <= channels <= dies, got " + channels + " channels, " + dies
                    + " dies");
        }
        if (!(channelBytesPerSecond > 0) || Double.isInfinite(channelBytesPerSecond)) {
            throw new IllegalArgumentException("channelBytesPerSecond must be positive and finite, got "
                    + channelBytesPerSecond);
        }
        range("read", readMinPs, readMaxPs);
        range("program", programMinPs, programMaxPs);
        range("buffer", bufferMinPs, bufferMaxPs);
        if (programBytes < 1) {
            throw new IllegalArgumentException("programBytes must be >= 1, got " + programBytes);
        }
        if (writeBufferBytes < programBytes) {
            throw new IllegalArgumentException("writeBufferBytes must be at least programBytes (" + programBytes
                    + "), got " + writeBufferBytes);
        }
    }

    private static void range(String what, long min, long max) {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException(what + " latency needs 0 <= min <= max, got " + min + " ps .. " + max
                    + " ps");
        }
    }

    /** The documented defaults. */
    public static FlashConfig defaults() {
        return new FlashConfig(64, 8, 1.4e9, 35 * SimTime.US, 45 * SimTime.US, 400 * SimTime.US,
                450 * SimTime.US, 96 << 10, 4L << 20, 6 * SimTime.US, 10 * SimTime.US);
    }

    /** The same back end with {@code n} dies over {@code c} channels. */
    public FlashConfig withDies(int n, int c) {
        return new FlashConfig(n, c, channelBytesPerSecond, readMinPs, readMaxPs, programMinPs, programMaxPs,
                programBytes, writeBufferBytes, bufferMinPs, bufferMaxPs);
    }

    /** The same back end with reads taking {@code min..max} ps of array time. */
    public FlashConfig withRead(long min, long max) {
        return new FlashConfig(dies, channels, channelBytesPerSecond, min, max, programMinPs, programMaxPs,
                programBytes, writeBufferBytes, bufferMinPs, bufferMaxPs);
    }

    /** The same back end with channels of {@code bytesPerSecond}. */
    public FlashConfig withChannelRate(double bytesPerSecond) {
        return new FlashConfig(dies, channels, bytesPerSecond, readMinPs, readMaxPs, programMinPs, programMaxPs,
                programBytes, writeBufferBytes, bufferMinPs, bufferMaxPs);
    }

    /** The same back end with a write buffer of {@code bytes} accepting a write in {@code min..max} ps. */
    public FlashConfig withBuffer(long bytes, long min, long max) {
        return new FlashConfig(dies, channels, channelBytesPerSecond, readMinPs, readMaxPs, programMinPs, programMaxPs,
                programBytes, bytes, min, max);
    }

    /** Time to move {@code bytes} over one channel, ps. */
    public long transferPs(long bytes) {
        return Math.round(bytes * 1e12 / channelBytesPerSecond);
    }

    /**
     * The read rate the back end cannot exceed, I/Os per second of {@code blockBytes}: every die
     * sensing back to back ({@code dies / mean tR}) or every channel transferring back to back,
     * whichever is lower.
     */
    public double readLimitIops(int blockBytes) {
        double meanRead = (readMinPs + readMaxPs) / 2.0;
        double byDies = meanRead == 0 ? Double.POSITIVE_INFINITY : dies * 1e12 / meanRead;
        double byChannels = channels * 1e12 / Math.max(1, transferPs(blockBytes));
        return Math.min(byDies, byChannels);
    }
}
