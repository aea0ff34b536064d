package org.iommusim.hw.device;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.iommusim.hw.pagetable.Access;

/**
 * Records the requests a run issues as a DMA trace that {@link TraceReader} reads back: set it
 * as a {@link DmaEngine}'s listener; it writes the header, then one line per request when the
 * request takes its tag — its arrival time in plain ps relative to {@code originPs}, device,
 * PASID, IOVA in hexadecimal, size, and {@code r}/{@code w}. Lines come in issue order, which for
 * an open-loop engine (FIFO backlog) is arrival order. A recording tool: it formats text, so it
 * allocates per request. A closed-loop run recorded this way replays as an open loop at the same
 * instants, which matches it only while no request waits for a tag.
 */
public final class TraceWriter implements DmaListener {
    private final Appendable out;
    private final long originPs;
    private final StringBuilder line = new StringBuilder(64);
    private long lines;

    public TraceWriter(Appendable out, long originPs) {
        this.out = out;
        this.originPs = originPs;
        write(TraceReader.HEADER);
    }

    @Override
    public void issued(int device, long arrivalPs, int pasid, long iova, int bytes, Access access) {
        line.setLength(0);
        line.append(arrivalPs - originPs).append(',').append(device).append(',').append(pasid).append(",0x")
                .append(Long.toHexString(iova)).append(',').append(bytes).append(',')
                .append(access == Access.WRITE ? 'w' : 'r');
        write(line);
        lines++;
    }

    /** Requests recorded so far. */
    public long records() {
        return lines;
    }

    private void write(CharSequence s) {
        try {
            out.append(s).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("writing trace", e);
        }
    }
}
