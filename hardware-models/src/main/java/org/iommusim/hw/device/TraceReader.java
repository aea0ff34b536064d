package org.iommusim.hw.device;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Locale;
import org.iommusim.hw.pagetable.Access;

/**
 * Parses a DMA trace in CSV: one request per line, {@code time,device,pasid,iova,size,dir}.
 * <ul>
 *   <li>{@code time}: when the request arrives, from the replay's start. A plain integer is
 *       picoseconds (the simulator's unit; what {@link TraceWriter} writes); a number with a unit
 *       suffix {@code ps}, {@code ns}, {@code us} (or {@code µs}), {@code ms}, {@code s} may have
 *       a fraction ({@code 1.5us}) as long as it is a whole number of ps. Times must not
 *       decrease from line to line (the replay is open-loop, in order).</li>
 *   <li>{@code device}: integer >= 0, a device the replay knows.</li>
 *   <li>{@code pasid}: integer in [0, 2^20 - 1] (PCIe's 20-bit PASID).</li>
 *   <li>{@code iova}: integer >= 0, decimal or {@code 0x} hexadecimal.</li>
 *   <li>{@code size}: bytes, integer in [1, 2^31 - 1].</li>
 *   <li>{@code dir}: {@code r}/{@code read} (the device reads memory) or {@code w}/{@code write},
 *       any case.</li>
 * </ul>
 * Fields may be padded with blanks; blank lines and lines starting with {@code #} are skipped;
 * a first data line equal to the header {@value #HEADER} is skipped. Any other malformed line
 * throws a {@link TraceFormatException} naming the line, the field and what is allowed.
 */
public final class TraceReader {
    public static final String HEADER = "time,device,pasid,iova,size,dir";
    public static final int MAX_PASID = (1 << 20) - 1;
    private static final String[] FIELDS = HEADER.split(",");

    private TraceReader() {
    }

    /** Parses {@code text}; {@code source} names it in error messages (a file name, not a path). */
    public static Trace parse(String text, String source) {
        return read(new BufferedReader(new StringReader(text)), source);
    }

    /** Reads a whole trace from {@code in}. */
    public static Trace read(BufferedReader in, String source) {
        Trace trace = new Trace();
        long lineNo = 0;
        boolean first = true;
        try {
            for (String raw = in.readLine(); raw != null; raw = in.readLine()) {
                lineNo++;
                String s = raw.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                if (first && s.replace(" ", "").equalsIgnoreCase(HEADER)) {
                    first = false;
                    continue;
                }
                first = false;
                parseLine(s, source, lineNo, trace);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading trace " + source, e);
        }
        return trace;
    }

    private static void parseLine(String s, String source, long lineNo, Trace trace) {
        String[] f = s.split(",", -1);
        if (f.length != FIELDS.length) {
            throw new TraceFormatException(source, lineNo, "line", "expected " + FIELDS.length
                    + " comma-separated fields " + HEADER + ", got " + f.length);
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].strip();
        }
        long time = time(f[0], source, lineNo);
        if (trace.size() > 0 && time < trace.timePs(trace.size() - 1)) {
            throw new TraceFormatException(source, lineNo, "time", "got '" + f[0] + "' (" + time
                    + " ps), before the previous line's " + trace.timePs(trace.size() - 1)
                    + " ps; allowed: times that do not decrease");
        }
        int device = (int) integer(f[1], "device", 0, Integer.MAX_VALUE, "an integer >= 0", source, lineNo);
        int pasid = (int) integer(f[2], "pasid", 0, MAX_PASID, "an integer in [0, " + MAX_PASID + "]", source,
                lineNo);
        long iova = integer(f[3], "iova", 0, Long.MAX_VALUE, "an integer >= 0, decimal or 0x-hexadecimal", source,
                lineNo);
        int size = (int) integer(f[4], "size", 1, Integer.MAX_VALUE, "bytes, an integer in [1, "
                + Integer.MAX_VALUE + "]", source, lineNo);
        Access access = switch (f[5].toLowerCase(Locale.ROOT)) {
            case "r", "read" -> Access.READ;
            case "w", "write" -> Access.WRITE;
            default -> throw new TraceFormatException(source, lineNo, "dir", "got '" + f[5]
                    + "'; allowed: r, w, read, write");
        };
        trace.add(time, device, pasid, iova, size, access, lineNo);
    }

    private static long integer(String v, String field, long min, long max, String allowed, String source,
                                long lineNo) {
        try {
            boolean hex = v.startsWith("0x") || v.startsWith("0X");
            long x = hex ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
            if (x >= min && x <= max && (field.equals("iova") || !hex)) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TraceFormatException(source, lineNo, field, "got '" + v + "'; allowed: " + allowed);
    }

    private static final String TIME_ALLOWED = "a whole number of ps >= 0: an integer (ps) or a number with unit "
            + "ps, ns, us, ms or s (e.g. 1500, 1.5ns, 2us)";

    private static long time(String v, String source, long lineNo) {
        int i = 0;
        while (i < v.length() && (Character.isDigit(v.charAt(i)) || v.charAt(i) == '.')) {
            i++;
        }
        String number = v.substring(0, i);
        String unit = v.substring(i).strip();
        long scale = switch (unit) {
            case "", "ps" -> 1L;
            case "ns" -> 1_000L;
            case "us", "µs" -> 1_000_000L;
            case "ms" -> 1_000_000_000L;
            case "s" -> 1_000_000_000_000L;
            default -> -1L;
        };
        try {
            if (scale > 0 && !number.isEmpty()) {
                return new BigDecimal(number).multiply(BigDecimal.valueOf(scale)).longValueExact();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // reported below
        }
        throw new TraceFormatException(source, lineNo, "time", "got '" + v + "'; allowed: " + TIME_ALLOWED);
    }
}
