package org.iommusim.reports.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the report says right after its status box: the run's findings as the sentences
 * {@code findings.json} holds (written by the runner from the results; see docs/FINDINGS.md),
 * in their reading order, the first {@link #SHOWN} of them. Warnings are left out here: the
 * status box above already lists them. Null (no section) when the folder has no
 * {@code findings.json} (results written before findings existed) or it cannot be read; the
 * section then says nothing rather than something wrong.
 */
public record FindingsSection(List<String> sentences, Integer more, boolean none) {
    /** The file the runner writes next to {@code stats.json}. */
    public static final String FILE = "findings.json";
    /** How many findings the report shows; all of them are in the file, which the page links. */
    static final int SHOWN = 12;

    public FindingsSection {
        sentences = List.copyOf(sentences);
    }

    static FindingsSection of(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonNode findings;
        try {
            findings = new ObjectMapper().readTree(file.toFile()).path("findings");
        } catch (IOException e) {
            return null;
        }
        List<String> sentences = new ArrayList<>();
        int total = 0;
        for (JsonNode f : findings) {
            if ("warning".equals(f.path("kind").asText()) || !f.path("sentence").isTextual()) {
                continue;
            }
            total++;
            if (sentences.size() < SHOWN) {
                sentences.add(f.path("sentence").asText());
            }
        }
        int more = total - sentences.size();
        return new FindingsSection(sentences, more == 0 ? null : more, total == 0); // null: Mustache skips it
    }
}
