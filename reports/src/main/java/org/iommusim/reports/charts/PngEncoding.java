package org.iommusim.reports.charts;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.jfree.chart.JFreeChart;

/**
 * A chart as PNG bytes: drawn as JFreeChart's {@code ChartUtils.writeChartAsPNG} draws it (the
 * same anti-aliased ARGB image), encoded here instead of by ImageIO's PNG writer, which was half
 * of a report's PNG time: that writer tries all five PNG row filters on every row to keep the
 * cheapest, in Java, and deflates at level 4. A chart is mostly runs of identical pixels, which
 * deflate finds as well without a filter: every row here is filtered with None and deflated at
 * {@link #LEVEL} (zlib's fast matcher), 3–4 times less CPU for PNGs about a tenth larger
 * (docs/PERFORMANCE.md, "Report, round 7"). An image whose pixels are all opaque (every chart:
 * the background is white) is written as 8-bit RGB, else as 8-bit RGBA. The decoded pixels are
 * the image's exactly (PngEncodingTest decodes both and compares them with ImageIO's encoding);
 * the bytes are deterministic. Writes no ancillary chunks (as ImageIO wrote none). Encodes
 * 8-bit sRGB only: no palette, no 16-bit samples, no interlacing.
 */
public final class PngEncoding {
    /** zlib's level: 1–3 use its fast matcher; 3 finds the longest matches of the three. */
    static final int LEVEL = 3;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int RGB = 2;
    private static final int RGBA = 6;
    /** Rows deflated per call: few native calls, a small buffer. */
    private static final int ROWS_PER_BLOCK = 32;

    private PngEncoding() {
    }

    /** {@code chart} drawn at {@code width} × {@code height} and encoded as PNG. */
    public static byte[] of(JFreeChart chart, int width, int height) {
        return encode(chart.createBufferedImage(width, height, null));
    }

    /** {@code image}'s pixels (as {@link BufferedImage#getRGB}) as a PNG. */
    public static byte[] encode(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        Pixels pixels = Pixels.of(image);
        boolean opaque = pixels.opaque();
        int bpp = opaque ? 3 : 4;
        int stride = w * bpp + 1; // the filter byte, then the samples
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        out.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, w);
        putInt(header, 4, h);
        header[8] = 8; // bits per sample
        header[9] = (byte) (opaque ? RGB : RGBA);
        // compression 0 (deflate), filter method 0, no interlace: header[10..12] = 0
        chunk(out, "IHDR", header, header.length);
        Deflater deflater = new Deflater(LEVEL);
        try {
            ByteArrayOutputStream idat = new ByteArrayOutputStream(64 * 1024);
            byte[] rows = new byte[stride * Math.min(h, ROWS_PER_BLOCK)];
            byte[] buf = new byte[64 * 1024];
            int[] line = new int[w];
            for (int y0 = 0; y0 < h; y0 += ROWS_PER_BLOCK) {
                int n = Math.min(ROWS_PER_BLOCK, h - y0);
                for (int r = 0; r < n; r++) {
                    pixels.row(y0 + r, line);
                    int k = r * stride;
                    rows[k++] = 0; // filter type None
                    for (int x = 0; x < w; x++) {
                        int p = line[x];
                        rows[k++] = (byte) (p >> 16);
                        rows[k++] = (byte) (p >> 8);
                        rows[k++] = (byte) p;
                        if (!opaque) {
                            rows[k++] = (byte) (p >>> 24);
                        }
                    }
                }
                deflater.setInput(rows, 0, n * stride);
                boolean last = y0 + n >= h;
                if (last) {
                    deflater.finish();
                }
                while (last ? !deflater.finished() : !deflater.needsInput()) {
                    idat.write(buf, 0, deflater.deflate(buf));
                }
            }
            byte[] data = idat.toByteArray();
            chunk(out, "IDAT", data, data.length);
        } finally {
            deflater.end();
        }
        chunk(out, "IEND", new byte[0], 0);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
        byte[] word = new byte[4];
        putInt(word, 0, length);
        out.writeBytes(word);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data, 0, length);
        putInt(word, 0, (int) crc.getValue());
        out.writeBytes(word);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /**
     * An image's rows as ARGB ints: straight from the raster of an ARGB image with one int per
     * pixel (what JFreeChart draws into), else through {@link BufferedImage#getRGB}.
     */
    private record Pixels(BufferedImage image, int[] data, int offset, int scan) {
        static Pixels of(BufferedImage image) {
            if (image.getType() == BufferedImage.TYPE_INT_ARGB
                    && image.getRaster().getDataBuffer() instanceof DataBufferInt ints && ints.getNumBanks() == 1
                    && image.getSampleModel() instanceof SinglePixelPackedSampleModel sm
                    && image.getRaster().getSampleModelTranslateX() == 0
                    && image.getRaster().getSampleModelTranslateY() == 0) {
                return new Pixels(image, ints.getData(), ints.getOffset(), sm.getScanlineStride());
            }
            return new Pixels(image, null, 0, 0);
        }

        void row(int y, int[] into) {
            if (data != null) {
                System.arraycopy(data, offset + y * scan, into, 0, into.length);
            } else {
                image.getRGB(0, y, into.length, 1, into, 0, into.length);
            }
        }

        boolean opaque() {
            int[] line = new int[image.getWidth()];
            for (int y = 0; y < image.getHeight(); y++) {
                row(y, line);
                for (int p : line) {
                    if (p >>> 24 != 0xFF) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
