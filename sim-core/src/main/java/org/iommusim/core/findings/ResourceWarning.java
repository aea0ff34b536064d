package org.iommusim.core.findings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A variant's resource warning as a finding: a saturated resource or an unstable (still
 * growing) queue, as detected during the run ({@code kind} such as {@code saturated} or
 * {@code unstable}), naming the resource and saying what was seen.
 */
public record ResourceWarning(String variant, String warning, String resource, String message) implements Finding {
    @Override
    public String kind() {
        return "warning";
    }

    @Override
    public String sentence() {
        return variant + ": " + resource + " " + warning + (message.isEmpty() ? "" : " — " + message);
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
