package org.iommusim.scenarios.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The shipped scenarios, runnable by name ({@code ./iommusim run hw-vs-sw}): an explicit list,
 * each a YAML resource {@code /iommusim/catalog/<name>.yaml} whose comment header says what
 * question it answers and what to look at in the report. {@link #summary} is the header's
 * first line, for {@code ./iommusim list scenarios}.
 */
public final class Catalog {
    /** The catalog, in the order {@code list scenarios} prints it. */
    public static final List<String> NAMES = List.of("hw-vs-sw", "nesting-crossover", "iotlb-reach", "walk-cost",
            "gpa-churn", "strict-vs-lazy", "fault-storm", "sva-gpu", "mixed-tree", "range-sync", "np-to-present",
            "arch-compare", "pcie-bench-broadwell", "pcie-bench-sizes");

    private Catalog() {
    }

    /** The scenario's YAML text, or empty when {@code name} is not in the catalog. */
    public static Optional<String> text(String name) {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        String resource = "/iommusim/catalog/" + name + ".yaml";
        try (InputStream in = Catalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + resource);
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first comment line of the scenario's header, without the {@code #}. */
    public static String summary(String name) {
        String text = text(name).orElseThrow(() -> new IllegalArgumentException("no catalog scenario " + name));
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                return line.substring(1).trim();
            }
        }
        return "";
    }
}
