package org.iommusim.core.findings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A variant's resource warning as a finding: a saturated resource or a queue still growing,
 * as detected for the run ({@code warning} is the {@code RunWarning} kind, {@code saturated} or
 * {@code growing-queue}), naming the resource; the sentence is the detector's own message (a
 * full sentence naming the variant and the figures) when there is one.
 */
public record ResourceWarning(String variant, String warning, String resource, String message) implements Finding {
    @Override
    public String kind() {
        return "warning";
    }

    @Override
    public String sentence() {
        return message.isEmpty() ? variant + ": " + resource + " " + warning : message;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variant", variant);
        m.put("warning", warning);
        m.put("resource", resource);
        m.put("message", message);
        return m;
    }
}
