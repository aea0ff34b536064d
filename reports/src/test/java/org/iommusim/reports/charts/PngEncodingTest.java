package org.iommusim.reports.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import org.iommusim.reports.SyntheticResults;
import org.jfree.chart.ChartUtils;
import org.junit.jupiter.api.Test;

class PngEncodingTest {
    /** Every kind of chart a report draws (bars, lines, CDFs, sweeps, stacked), at two sizes. */
    @Test
    void of_everyReportChart_decodesToTheSamePixelsAsJFreeChartsOwnPngWriter() throws Exception {
        List<ChartSpec> charts = new java.util.ArrayList<>(ChartSet.of(SyntheticResults.compare(), List.of(),
                Optional.of("compare")).charts());
        charts.addAll(ChartSet.of(SyntheticResults.sweep(), List.of("iotlb.entries", "iommu.nesting"), Optional.of("sweep"))
                .charts());
        assertThat(charts).hasSizeGreaterThan(5);
        for (ChartSpec spec : charts) {
            for (int[] size : new int[][] {{ChartStyle.WIDTH, ChartStyle.HEIGHT}, {333, 211}}) {
                ByteArrayOutputStream jfree = new ByteArrayOutputStream();
                ChartUtils.writeChartAsPNG(jfree, spec.chart(), size[0], size[1]);
                byte[] ours = PngEncoding.of(spec.chart(), size[0], size[1]);
                assertThat(pixels(decode(ours))).as("%s at %dx%d", spec.id(), size[0], size[1])
                        .isEqualTo(pixels(decode(jfree.toByteArray())));
                assertThat(colourType(ours)).as("opaque: RGB").isEqualTo(2);
            }
        }
    }

    @Test
    void encode_imageWithTransparency_keepsEveryPixelAndItsAlpha() throws Exception {
        BufferedImage image = new BufferedImage(97, 61, BufferedImage.TYPE_INT_ARGB);
        Random random = new Random(7);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, random.nextInt()); // every alpha, every colour
            }
        }
        byte[] png = PngEncoding.encode(image);
        assertThat(colourType(png)).as("RGBA").isEqualTo(6);
        assertThat(pixels(decode(png))).isEqualTo(pixels(image));
        assertThat(pixels(decode(png))).isEqualTo(pixels(decode(imageIo(image))));
    }

    @Test
    void encode_imageOfAnotherType_readsItsPixelsThroughGetRgb() throws Exception {
        BufferedImage image = new BufferedImage(150, 90, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 150, 90);
        g.setColor(new Color(0xD55E00));
        g.drawOval(10, 10, 120, 60);
        g.dispose();
        assertThat(pixels(decode(PngEncoding.encode(image)))).isEqualTo(pixels(image));
    }

    @Test
    void of_sameChartTwice_sameBytes() {
        ChartSpec spec = ChartSet.of(SyntheticResults.compare(), List.of(), Optional.of("compare")).charts().get(0);
        assertThat(PngEncoding.of(spec.chart(), 400, 300)).isEqualTo(PngEncoding.of(spec.chart(), 400, 300));
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a PNG ImageIO can read").isNotNull();
        return image;
    }

    private static byte[] imageIo(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** The IHDR's colour type: 2 RGB, 6 RGBA. */
    private static int colourType(byte[] png) {
        return png[8 + 8 + 9];
    }
}
