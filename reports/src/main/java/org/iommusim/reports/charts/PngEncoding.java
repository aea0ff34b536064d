package org.iommusim.reports.charts;

import ar.com.hjg.pngj.FilterType;
import ar.com.hjg.pngj.ImageInfo;
import ar.com.hjg.pngj.ImageLineHelper;
import ar.com.hjg.pngj.ImageLineInt;
import ar.com.hjg.pngj.PngWriter;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.io.ByteArrayOutputStream;
import org.jfree.chart.JFreeChart;

/**
 * A chart as PNG bytes: drawn as JFreeChart's {@code ChartUtils.writeChartAsPNG} draws it (the
 * same anti-aliased ARGB image), encoded by PNGJ instead of ImageIO's PNG writer, which was half
 * of a report's PNG time: that writer tries all five PNG row filters on every row to keep the
 * cheapest, in Java, and deflates at level 4. A chart is mostly runs of identical pixels, which
 * deflate finds as well without a filter: every row here is filtered with None and deflated at
 * {@link #LEVEL} (zlib's fast matcher), 3–4 times less CPU for PNGs about a tenth larger
 * (docs/PERFORMANCE.md, "Report, round 7"). An image whose pixels are all opaque (every chart:
 * the background is white) is written as 8-bit RGB, else as 8-bit RGBA. The decoded pixels are
 * the image's exactly (PngEncodingTest decodes both and compares them with ImageIO's encoding);
 * the bytes are deterministic, with no ancillary chunks (as ImageIO wrote none). 8-bit sRGB only:
 * no palette, no 16-bit samples, no interlacing.
 */
public final class PngEncoding {
    /** zlib's level: 1–3 use its fast matcher; 3 finds the longest matches of the three. */
    static final int LEVEL = 3;

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
        ImageInfo info = new ImageInfo(w, h, 8, !opaque);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        PngWriter png = new PngWriter(out, info);
        png.setCompLevel(LEVEL);
        png.setFilterType(FilterType.FILTER_NONE);
        ImageLineInt line = new ImageLineInt(info);
        int[] argb = new int[w];
        for (int y = 0; y < h; y++) {
            pixels.row(y, argb);
            if (opaque) {
                ImageLineHelper.setPixelsRGB8(line, argb);
            } else {
                ImageLineHelper.setPixelsRGBA8(line, argb);
            }
            png.writeRow(line);
        }
        png.end();
        return out.toByteArray();
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
