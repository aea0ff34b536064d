package org.iommusim.core.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextListingTest {
    @Test
    void snapshot_columnsAligned_noTrailingSpaces() {
        String text = TextListing.snapshot(ResultsFixtures.snapshot(1));
        List<String> lines = text.lines().toList();
        assertThat(text).endsWith("\n");
        assertThat(lines).allSatisfy(l -> assertThat(l).doesNotEndWith(" "));
        String header = lines.get(0);
        int valueEnd = header.indexOf("value") + "value".length();
        int unitStart = header.indexOf("unit");
        int descStart = header.indexOf("description");
        for (String line : lines.subList(2, lines.size())) {
            // value column is right-aligned: it ends where the header's "value" ends
            assertThat(line.charAt(valueEnd - 1)).as(line).isNotEqualTo(' ');
            assertThat(line.charAt(valueEnd)).as(line).isEqualTo(' ');
            assertThat(line.charAt(unitStart)).as(line).isNotEqualTo(' ');
            assertThat(line.charAt(unitStart - 1)).as(line).isEqualTo(' ');
        }
        assertThat(lines).contains(
                "walk.latency                    812.5  ps        Page-walk latency, \"cold\" walks",
                "walk.latency.p99                 1200  ps",
                "fault.latency                       -  ps        Fault service time | µs scale",
                "queue.length                   0.3333  requests  Requests waiting, time-weighted");
        assertThat(lines.get(1)).matches("-+  -+  -+  -+");
        assertThat(descStart).isGreaterThan(unitStart);
    }

    @Test
    void summaries_variantsSideBySide_withHalfWidthAndMissingCounts() {
        String text = TextListing.summaries(ResultsFixtures.document());
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).isEqualTo(
                "scenario hw-vs-sw, master seed 42; replications per variant: hardware: 2, software: 2");
        assertThat(lines).contains(
                "statistic           unit   hardware    +/-  software    +/-  description",
                "dma.completed       dmas       1250  100.2      2125  100.2  DMAs completed",
                "walk.latency        ps        812.5  12.38     812.5  12.38  Page-walk latency, \"cold\" walks",
                "walk.latency.count  count      1000  (n=1)      1000  (n=1)",
                "fault.latency       ps            -  (n=0)         -  (n=0)  Fault service time | µs scale");
    }

    @Test
    void summaries_keyFilter_keepsOnlyAcceptedRows() {
        String text = TextListing.summaries(ResultsFixtures.document(), k -> k.startsWith("walk."));
        assertThat(text).contains("walk.latency.count").doesNotContain("dma.completed");
    }

    @Test
    void human_numbers_roundedReadably() {
        assertThat(Numbers.human(812.4567)).isEqualTo("812.5");
        assertThat(Numbers.human(12345.678)).isEqualTo("12346");
        assertThat(Numbers.human(3.14159)).isEqualTo("3.142");
        assertThat(Numbers.human(0.0123456)).isEqualTo("0.01235");
        assertThat(Numbers.human(1e-7)).isEqualTo("1.000e-07");
        assertThat(Numbers.human(Double.NaN)).isEqualTo("-");
        assertThat(Numbers.human(-42)).isEqualTo("-42");
    }
}
