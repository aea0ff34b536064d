package org.iommusim.hw.device;

import java.util.Arrays;
import org.iommusim.hw.pagetable.Access;

/**
 * A parsed DMA trace ({@code time,device,pasid,iova,size,dir}), held column-wise in primitive
 * arrays so that replaying it allocates nothing. Records are in file order with non-decreasing
 * times (ps); each keeps its source line number for error messages. Build with {@link #add};
 * read by {@link TraceReader}.
 */
public final class Trace {
    private long[] time = new long[64];
    private int[] device = new int[64];
    private int[] pasid = new int[64];
    private long[] iova = new long[64];
    private int[] size = new int[64];
    private boolean[] write = new boolean[64];
    private long[] line = new long[64];
    private int count;

    /** Appends a record; {@code timePs} must not be before the previous record's. */
    public void add(long timePs, int dev, int pasidValue, long iovaValue, int bytes, Access access, long lineNumber) {
        if (count > 0 && timePs < time[count - 1]) {
            throw new IllegalArgumentException("trace times must not decrease: " + timePs + " after " + time[count - 1]);
        }
        if (count == time.length) {
            int n = count * 2;
            time = Arrays.copyOf(time, n);
            device = Arrays.copyOf(device, n);
            pasid = Arrays.copyOf(pasid, n);
            iova = Arrays.copyOf(iova, n);
            size = Arrays.copyOf(size, n);
            write = Arrays.copyOf(write, n);
            line = Arrays.copyOf(line, n);
        }
        time[count] = timePs;
        device[count] = dev;
        pasid[count] = pasidValue;
        iova[count] = iovaValue;
        size[count] = bytes;
        write[count] = access == Access.WRITE;
        line[count] = lineNumber;
        count++;
    }

    public int size() {
        return count;
    }

    public long timePs(int i) {
        return time[i];
    }

    public int device(int i) {
        return device[i];
    }

    public int pasid(int i) {
        return pasid[i];
    }

    public long iova(int i) {
        return iova[i];
    }

    public int bytes(int i) {
        return size[i];
    }

    public Access access(int i) {
        return write[i] ? Access.WRITE : Access.READ;
    }

    /** The source line record {@code i} came from. */
    public long line(int i) {
        return line[i];
    }
}
