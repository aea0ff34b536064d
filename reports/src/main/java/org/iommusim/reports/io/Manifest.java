package org.iommusim.reports.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run's {@code manifest.json}: a flat object (tool, version, scenario, question, seed,
 * replications, warmup, eventsExecuted, eventsPerSecond, wallTimeSeconds, command and, for a
 * sweep, sweepParameters). Every scalar key is kept as text in file order so the report can show
 * keys it does not know; nested values other than {@code sweepParameters} are ignored. A missing
 * or malformed manifest is not an error: it yields an empty manifest and a {@code problem} the
 * report shows, because the statistics alone still make a report.
 */
public record Manifest(Map<String, String> entries, List<String> sweepParameters, Optional<String> problem) {
    public static final String FILE = "manifest.json";

    public Manifest {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        sweepParameters = List.copyOf(sweepParameters);
    }

    public static Manifest empty(String problem) {
        return new Manifest(Map.of(), List.of(), Optional.ofNullable(problem));
    }

    /** Reads {@code manifest.json} from the folder; never throws for bad content. */
    public static Manifest read(Path folder) {
        Path file = folder.resolve(FILE);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return empty(FILE + " is missing; run details are not shown");
        } catch (IOException e) {
            return empty(FILE + " could not be read: " + e.getMessage());
        }
        return parse(text);
    }

    /** Parses manifest text; malformed JSON gives an empty manifest with a problem. */
    public static Manifest parse(String json) {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(json);
        } catch (IOException e) {
            return empty(FILE + " is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            return empty(FILE + " is not a JSON object");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        List<String> sweep = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode v = e.getValue();
            if (v.isValueNode() && !v.isNull()) {
                entries.put(e.getKey(), v.asText());
            } else if ("sweepParameters".equals(e.getKey()) && v.isArray()) {
                v.forEach(p -> sweep.add(p.asText()));
            }
        }
        return new Manifest(entries, sweep, Optional.empty());
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(key)).filter(s -> !s.isBlank());
    }

    /** The one-sentence question the scenario answers, if the manifest gives one. */
    public Optional<String> question() {
        return get("question");
    }

    /** {@code run}, {@code compare} or {@code sweep}; empty when unknown. */
    public Optional<String> command() {
        return get("command");
    }

    /** A numeric entry, if present and a number. */
    public Optional<Double> number(String key) {
        try {
            return get(key).map(Double::parseDouble);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
