package org.iommusim.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** empirical(file): a CSV of values and optional weights, resolved against a folder; every bad file named. */
class EmpiricalFileTest {
    private static final long SEED = 31L;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void valuesAndWeights_areReadWithUnitsCommentsAndDefaultWeights() throws IOException {
        write("lat.csv", "# PTE read latency samples\n80ns, 3\n\n120000\n1us,0\n");
        DistributionSpec spec = DistributionRegistry.standard().spec("empirical", Map.of("file", "lat.csv"), dir);
        assertThat(spec).isEqualTo(new Empirical(List.of(80_000.0, 120_000.0, 1_000_000.0), List.of(3.0, 1.0, 0.0)));
    }

    @Test
    void sampleFrequencies_followTheFileWeights() throws IOException {
        write("f.csv", "1ns,1\n2ns,2\n5ns,7\n");
        Distribution d = new RandomStreams(SEED, 0).stream("f")
                .create(DistributionRegistry.standard().spec("empirical", Map.of("file", "f.csv"), dir));
        int n = 1_000_000;
        int[] counts = new int[3];
        for (int i = 0; i < n; i++) {
            long v = d.sampleLong();
            counts[v == 1000 ? 0 : v == 2000 ? 1 : v == 5000 ? 2 : -1]++;
        }
        double[] expected = {0.1, 0.2, 0.7};
        for (int i = 0; i < 3; i++) {
            double se = Math.sqrt(expected[i] * (1 - expected[i]) / n);
            assertThat(counts[i] / (double) n).as("seed %d: frequency of row %d", SEED, i + 1)
                    .isCloseTo(expected[i], within(5 * se));
        }
        assertThat(d.mean()).isCloseTo(100 + 400 + 3500, within(1e-6));
    }

    @Test
    void badFiles_areRefusedNamingFileRowAndWhatIsAllowed() throws IOException {
        assertBad("missing.csv", null, "empirical file", "missing.csv", "does not exist");
        assertBad("empty.csv", "# only a comment\n\n", "empty.csv", "has no values", "allowed: one value per row");
        assertBad("text.csv", "80ns\nfast\n", "text.csv", "row 2", "'fast' is not a number or duration");
        assertBad("neg.csv", "80ns\n-5ns\n", "neg.csv", "row 2", "negative");
        assertBad("weight.csv", "80ns,1\n90ns,heavy\n", "weight.csv", "row 2", "weight 'heavy'");
        assertBad("negweight.csv", "80ns,-1\n", "negweight.csv", "row 1", "weight '-1'");
        assertBad("zero.csv", "80ns,0\n", "zero.csv", "weights must not all be zero");
        assertBad("wide.csv", "1,2,3\n", "wide.csv", "row 1", "3 columns");
        Files.write(dir.resolve("latin1.csv"), new byte[] {'8', '0', (byte) 0xE9, '\n'});
        assertBad("latin1.csv", null, "latin1.csv", "not UTF-8");
    }

    @Test
    void fileAboveTheSizeLimit_isRefused() throws IOException {
        Path big = dir.resolve("big.csv");
        byte[] row = "1\n".getBytes(StandardCharsets.US_ASCII);
        try (var out = Files.newOutputStream(big)) {
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < block.length; i += 2) {
                block[i] = row[0];
                block[i + 1] = row[1];
            }
            for (int i = 0; i <= 16; i++) {
                out.write(block);
            }
        }
        assertBad("big.csv", null, "big.csv", "at most 16777216 bytes");
    }

    @Test
    void fileWithTooManyRows_isRefused() throws IOException {
        write("rows.csv", "1\n".repeat(EmpiricalFile.MAX_ROWS + 1));
        assertBad("rows.csv", null, "rows.csv", "more than 1000000 rows");
    }

    private void assertBad(String name, String text, String... expected) throws IOException {
        if (text != null) {
            write(name, text);
        }
        var thrown = assertThatThrownBy(() -> DistributionRegistry.standard().spec("empirical", Map.of("file", name), dir))
                .isInstanceOf(IllegalArgumentException.class);
        for (String e : expected) {
            thrown.hasMessageContaining(e);
        }
    }
}
