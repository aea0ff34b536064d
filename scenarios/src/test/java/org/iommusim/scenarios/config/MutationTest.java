package org.iommusim.scenarios.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates a valid demo scenario many times (deleted and renamed keys, wrong types, garbage
 * characters and bytes, huge numbers, broken indentation, bad --set arguments) and checks that
 * loading either succeeds or throws {@link ConfigException} with located diagnostics — never
 * any other exception. On failure it prints the seed, the case number and the mutated input.
 */
class MutationTest {
    private static final long SEED = 0x10_4D_5E_EDL;
    private static final int CASES = 10_000;
    private static final String[] VALUES = {"fast", "-1", "0", "99999999999999999999", "1e999", "1e-999/s", "[1, 2]",
        "{a: 1}", "~", "''", "true", "yes", "4KiB", "1.5us", "80xs", "&a x", "*a", "!!int 3", "\"open", "NaN", ".inf",
        "0x10", "1_000", "-", "? x", "|\n  text", "9223372036854775808ps", "1.0E+400/s", "99999999999PiB", "[[[[", "{]"};
    private static final String GARBAGE = ":-[]{}#&*!%@`|>'\"\t\r\n ?,~\\\u0000\u0007\u00ff\u2028\ufeff\ud800é€𝄞";
    private static final String[] SETS = {"cache.entries=1", "devices.nic0.ring.buffers=0", "devices.zz.rate=1/us",
        "cache", "=1", "a..b=1", "cache.policy=[x", "seed.x=1", "devices.nic0=1", "ioasids.q={a: 1}",
        "devices.nvme0.label=*x", "pageSizes=4KiB"};

    @Test
    void mutatedScenarios_loadOrFailWithConfigExceptionOnly() {
        ConfigLoader<DemoConfig> loader = DemoFixtures.loader();
        String valid = DemoFixtures.valid();
        Random random = new Random(SEED);
        int ok = 0;
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            String text = valid;
            int steps = 1 + random.nextInt(3);
            for (int s = 0; s < steps; s++) {
                text = mutate(text, random);
            }
            List<String> sets = new ArrayList<>();
            if (random.nextInt(8) == 0) {
                sets.add(SETS[random.nextInt(SETS.length)]);
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(20) == 0 && bytes.length > 0) {
                bytes = Arrays.copyOf(bytes, bytes.length);
                bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80));
            }
            try {
                loader.load(bytes, "mutant.yaml", sets);
                ok++;
            } catch (ConfigException e) {
                rejected++;
                if (e.diagnostics().isEmpty() || e.getMessage().isBlank() || e.getMessage().contains("\tat ")) {
                    throw new AssertionError("seed " + SEED + ", case " + i + ": empty or stack-trace message", e);
                }
            } catch (Throwable t) {
                throw new AssertionError("seed " + SEED + ", case " + i + ", sets " + sets + ": " + t
                        + "\n--- mutated text ---\n" + new String(bytes, StandardCharsets.UTF_8) + "\n---", t);
            }
        }
        System.out.println("mutation test: seed " + SEED + ", " + ok + " loaded, " + rejected + " rejected");
        assertThat(ok).as("some mutants should still load").isPositive();
        assertThat(rejected).as("most mutants should be rejected").isGreaterThan(CASES / 2);
    }

    private static String mutate(String text, Random r) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int li = r.nextInt(lines.size());
        String line = lines.get(li);
        switch (r.nextInt(9)) {
            case 0 -> lines.remove(li);
            case 1 -> lines.set(li, renameKey(line, r));
            case 2 -> {
                int colon = line.indexOf(": ");
                lines.set(li, (colon < 0 ? line : line.substring(0, colon + 2)) + VALUES[r.nextInt(VALUES.length)]);
            }
            case 3 -> {
                int at = r.nextInt(text.length() + 1);
                StringBuilder g = new StringBuilder();
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    g.append(GARBAGE.charAt(r.nextInt(GARBAGE.length())));
                }
                return text.substring(0, at) + g + text.substring(at);
            }
            case 4 -> lines.add(li, line);
            case 5 -> lines.set(li, r.nextBoolean() ? " " + line : line.replaceFirst("^ ", ""));
            case 6 -> {
                int other = r.nextInt(lines.size());
                lines.set(li, lines.get(other));
                lines.set(other, line);
            }
            case 7 -> {
                return text.substring(0, r.nextInt(text.length() + 1));
            }
            default -> lines.set(li, line.replaceAll("[0-9]+", "9".repeat(1 + r.nextInt(40))));
        }
        return String.join("\n", lines);
    }

    private static String renameKey(String line, Random r) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return line;
        }
        int at = r.nextInt(colon);
        char c = (char) ('a' + r.nextInt(26));
        return line.substring(0, at) + c + line.substring(r.nextBoolean() ? at + 1 : at);
    }
}
