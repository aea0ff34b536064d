package org.iommusim.scenarios.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iommusim.scenarios.catalog.CatalogAnswer.points;
import static org.iommusim.scenarios.catalog.CatalogAnswer.value;

import java.util.List;
import java.util.Map;
import org.iommusim.core.results.Snapshot;
import org.junit.jupiter.api.Test;

/**
 * The answers of {@code pcie-bench-broadwell} and {@code pcie-bench-sizes}: the model against
 * pcie-bench's measurements on Broadwell (docs/CALIBRATION.md). Each runs replication 0 of only
 * the sweep points its check needs ({@link CatalogAnswer#points}).
 */
class PcieBenchAnswerTest {
    /**
     * The calibration points of pcie-bench on Broadwell (docs/CALIBRATION.md): throughput ratio
     * IOMMU/none >= 0.99 at 256 KiB (64 pages) and 0.35 +/- 0.03 at 64 MiB; median latency of one
     * outstanding read +280 +/- 30 ns at 64 MiB and unchanged at 256 KiB.
     */
    @Test
    void pcieBenchBroadwellReproducesTheCalibrationPoints() {
        Map<String, Snapshot> out = points("pcie-bench-broadwell", List.of("replications=1"),
                point -> point.endsWith(" span=256KiB") || point.endsWith(" span=64MiB"));
        double small = value(out.get("iommu-4k span=256KiB"), "run.dma-throughput")
                / value(out.get("iommu-off span=256KiB"), "run.dma-throughput");
        double large = value(out.get("iommu-4k span=64MiB"), "run.dma-throughput")
                / value(out.get("iommu-off span=64MiB"), "run.dma-throughput");
        double offGbps = value(out.get("iommu-off span=64MiB"), "run.dma-throughput") * 8 / 1e9;
        double smallDelta = p50(out.get("iommu-4k-latency span=256KiB")) - p50(out.get("iommu-off-latency span=256KiB"));
        double largeDelta = p50(out.get("iommu-4k-latency span=64MiB")) - p50(out.get("iommu-off-latency span=64MiB"));
        System.out.printf("pcie-bench-broadwell: no IOMMU %.2f Gb/s; ratio 256 KiB %.3f, 64 MiB %.3f; "
                + "median latency delta 256 KiB %.1f ns, 64 MiB %.1f ns%n", offGbps, small, large, smallDelta / 1e3,
                largeDelta / 1e3);
        assertThat(small).as("ratio, 256 KiB").isGreaterThanOrEqualTo(0.99);
        assertThat(large).as("ratio, 64 MiB").isBetween(0.32, 0.38);
        assertThat(largeDelta).as("median latency added at 64 MiB, ps").isBetween(250e3, 310e3);
        assertThat(Math.abs(smallDelta)).as("median latency change at 256 KiB, ps").isLessThan(5e3);
        assertThat(offGbps).as("no IOMMU: tag-bound near the measured 28.12 Gb/s").isBetween(26.0, 30.0);
    }

    /**
     * The window curve between the calibration points, which no parameter was fitted to
     * (docs/CALIBRATION.md "Validation at the windows not fitted"; measured: pcie-bench/data,
     * Broadwell, 64 B random reads, rows Cold). From 1 MiB on the device's serial request stream
     * (18.2 ns per request, 33.8 ns more per miss: ratio = 1 / (1 + 1.86 m), m the miss ratio) gives
     * the measured ratios (0.519, 0.421, 0.381, 0.363, 0.354) within 5 %. At the IOTLB's capacity
     * (512 KiB, measured 0.736) the hashed index's conflict misses give the knee, but the model
     * loses 3-12 % too much there: its in-order hand-back delays the hits behind each walk on top
     * of the stage. That known deviation is pinned, so a change of the mechanism shows here.
     */
    @Test
    void pcieBenchBroadwellPredictsTheWindowCurveItWasNotFittedTo() {
        Map<String, Double> measured = Map.of("512KiB", 0.736, "1MiB", 0.519, "2MiB", 0.421, "4MiB", 0.381,
                "8MiB", 0.363, "16MiB", 0.354);
        Map<String, Snapshot> out = points("pcie-bench-broadwell", List.of("replications=1"),
                point -> !point.contains("latency") && measured.keySet().stream()
                        .anyMatch(w -> point.endsWith(" span=" + w)));
        for (String w : List.of("512KiB", "1MiB", "2MiB", "4MiB", "8MiB", "16MiB")) {
            double ratio = value(out.get("iommu-4k span=" + w), "run.dma-throughput")
                    / value(out.get("iommu-off span=" + w), "run.dma-throughput");
            double error = ratio / measured.get(w) - 1;
            System.out.printf("pcie-bench-broadwell %s: measured %.3f, model %.3f (%+.1f %%)%n", w, measured.get(w),
                    ratio, error * 100);
            if (w.equals("512KiB")) {
                assertThat(error).as("known deviation at %s: the model loses too much", w).isBetween(-0.12, -0.03);
            } else {
                assertThat(error).as("ratio at %s against the measurement", w).isBetween(-0.05, 0.05);
            }
        }
    }

    /**
     * pcie-bench-sizes, asserted only where the prediction matches the measurement (pcie-bench/data,
     * docs/CALIBRATION.md "Predictions (not fitted)"): with nearly every TLP missing, the device's
     * serial request stream (the NIC's own 18.2 ns per request TLP, the IOMMU's 33.8 ns more per
     * miss) serves the same DMA rate for 64 and 128 B reads (measured 19.22 and 19.03 M/s); 512 B
     * reads are link-bound (two 256 B completions of 276 B on a 7.7784 GB/s gen3 x8 link) below
     * that rate, so the IOMMU costs nothing (measured ratio 0.975); 512 B writes keep at least 90 %
     * (measured 1.00). Without the IOMMU 64 B posted writes are bound by the NIC's own time per
     * request, 1 / 18.2 ns = 54.9 M/s (below the link's 88 B per write; measured 47.4 M/s); with
     * it writes meet the same miss ceiling as reads. The no-IOMMU rates of 64-256 B writes and
     * 128-256 B reads and the write ceiling (22 M/s measured) miss by more than 10 % and are
     * asserted only as the mechanisms' closed forms (docs/CALIBRATION.md). With 2 MiB pages (a
     * prediction: pcie-bench ran this host only with 4 KiB IOMMU pages) the window is 32 IOTLB
     * entries, every TLP hits and the IOMMU costs nothing, for reads and for writes.
     */
    @Test
    void pcieBenchSizesPredictsTheMissCeilingAndNoLossAt512B() {
        Map<String, Snapshot> out = points("pcie-bench-sizes", List.of("replications=1"),
                point -> point.equals("iommu-2m readFraction=1 requestBytes=64B")
                        || point.equals("iommu-2m readFraction=0 requestBytes=64B") || !point.startsWith("iommu-2m")
                        && (point.contains("requestBytes=64B") || point.contains("requestBytes=512B")
                        || point.contains("readFraction=1 requestBytes=128B")));
        double rd64 = iops(out, "iommu-4k readFraction=1 requestBytes=64B");
        double rd128 = iops(out, "iommu-4k readFraction=1 requestBytes=128B");
        double hits = value(out.get("iommu-4k readFraction=1 requestBytes=128B"), "run.iotlb-hit-ratio");
        double ceiling = 1 / (18.2e-9 + 33.8e-9 * (1 - hits));
        double rd512off = iops(out, "iommu-off readFraction=1 requestBytes=512B");
        double rd512 = rd512off > 0 ? iops(out, "iommu-4k readFraction=1 requestBytes=512B") / rd512off : 0;
        double wr512 = iops(out, "iommu-4k readFraction=0 requestBytes=512B")
                / iops(out, "iommu-off readFraction=0 requestBytes=512B");
        System.out.printf("pcie-bench-sizes: reads with IOMMU 64 B %.2f, 128 B %.2f M/s (ceiling %.2f); 512 B reads "
                + "no IOMMU %.2f M/s, ratio %.3f; 512 B writes ratio %.3f%n", rd64 / 1e6, rd128 / 1e6, ceiling / 1e6,
                rd512off / 1e6, rd512, wr512);
        assertThat(rd128 / rd64).as("the miss ceiling does not depend on the read size").isBetween(0.98, 1.02);
        assertThat(rd128 / ceiling).as("one request per 18.2 ns + 33.8 ns per miss").isBetween(0.97, 1.03);
        assertThat(rd512off / (7.7784e9 / 552)).as("512 B reads: link-bound by the framing arithmetic")
                .isBetween(0.99, 1.01);
        assertThat(rd512).as("512 B reads: the link, not the IOMMU, limits").isGreaterThanOrEqualTo(0.97);
        assertThat(wr512).as("512 B writes").isGreaterThanOrEqualTo(0.9);
        double wr64off = iops(out, "iommu-off readFraction=0 requestBytes=64B");
        double wr64 = iops(out, "iommu-4k readFraction=0 requestBytes=64B");
        System.out.printf("pcie-bench-sizes: 64 B writes no IOMMU %.2f M/s, IOMMU %.2f M/s%n", wr64off / 1e6, wr64 / 1e6);
        assertThat(wr64off * 18.2e-9).as("64 B posted writes: bound by the NIC's own 18.2 ns per request")
                .isBetween(0.99, 1.01);
        assertThat(wr64 / rd64).as("64 B writes meet the reads' miss ceiling").isBetween(0.97, 1.03);
        double rd64off = iops(out, "iommu-off readFraction=1 requestBytes=64B");
        assertThat(iops(out, "iommu-2m readFraction=1 requestBytes=64B") / rd64off)
                .as("2 MiB pages (prediction): 32 IOTLB entries cover the window, reads only hit")
                .isBetween(0.99, 1.01);
        assertThat(iops(out, "iommu-2m readFraction=0 requestBytes=64B") / wr64off)
                .as("2 MiB pages, 64 B writes: only hits, no miss holds the stream").isBetween(0.99, 1.01);
    }

    private static double iops(Map<String, Snapshot> out, String point) {
        return value(out.get(point), "dev.nfp.iops");
    }

    private static double p50(Snapshot s) {
        return s.get("run.dma-latency").field("p50");
    }
}
