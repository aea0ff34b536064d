package org.iommusim.scenarios.config;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes an effective configuration as YAML with where each value came from as a comment at the
 * end of its line: {@code # scenario FILE:LINE}, {@code # --set KEY=VALUE}, {@code # preset NAME}
 * or {@code # default} (the reference or the schema). Keys in schema order; a list of sections is
 * written one {@code -} per element with its keys below. The text loads back as the same tree
 * (comments are ignored), but unlike {@link EffectiveWriter}'s it is meant for reading, not for
 * byte-identical round trips. Stateless; writes no files.
 */
public final class ProvenanceWriter {
    private static final Yaml SCALARS = scalarYaml();

    private ProvenanceWriter() {
    }

    /** {@code config}'s tree with origins; values from {@code referenceSource} count as defaults. */
    public static String write(EffectiveConfig<?> config, String referenceSource) {
        StringBuilder sb = new StringBuilder();
        map(config, referenceSource, config.tree(), "", 0, sb);
        return sb.toString();
    }

    private static void map(EffectiveConfig<?> c, String ref, Map<String, Object> m, String path, int indent,
                             StringBuilder sb) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            sb.append(" ".repeat(indent)).append(e.getKey()).append(':');
            value(c, ref, e.getValue(), p, indent, sb);
        }
    }

    @SuppressWarnings("unchecked")
    private static void value(EffectiveConfig<?> c, String ref, Object v, String path, int indent, StringBuilder sb) {
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            sb.append('\n');
            map(c, ref, (Map<String, Object>) m, path, indent + 2, sb);
        } else if (v instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map) {
            sb.append('\n');
            for (int i = 0; i < l.size(); i++) {
                Map<String, Object> element = (Map<String, Object>) l.get(i);
                String segment = element.get(RecordSpec.NAME_KEY) instanceof String n ? n : String.valueOf(i);
                sb.append(" ".repeat(indent + 2)).append("-\n");
                map(c, ref, element, path + "." + segment, indent + 4, sb);
            }
        } else {
            sb.append(' ').append(scalar(v)).append("  # ").append(describe(c.origin(path), ref)).append('\n');
        }
    }

    /** One value in flow style ({@code 4KiB}, {@code [a, b]}, {@code {}}, {@code null}). */
    private static String scalar(Object v) {
        return SCALARS.dump(v).strip();
    }

    /** Where a value came from, for a reader. */
    static String describe(Origin o, String referenceSource) {
        return switch (o.kind()) {
            case FILE -> o.source().equals(referenceSource) ? "default" : "scenario " + o;
            case SET -> "--set " + o.source();
            case PRESET -> "preset " + o.source();
            case DEFAULT -> "default";
        };
    }

    private static Yaml scalarYaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
        options.setWidth(Integer.MAX_VALUE);
        options.setSplitLines(false);
        options.setLineBreak(DumperOptions.LineBreak.UNIX);
        return new Yaml(options);
    }
}
