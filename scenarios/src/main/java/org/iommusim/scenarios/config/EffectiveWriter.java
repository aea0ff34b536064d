package org.iommusim.scenarios.config;

import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes an effective tree as block-style YAML: keys in schema order, canonical values
 * ({@code 4KiB}, {@code 1.5us}), strings quoted only where YAML would misread them, Unix line
 * endings. The output is deterministic, and loading it with the same schema gives equal
 * records and writes back byte-identical text. It writes no origins or comments (those would
 * differ between the first and the second write).
 *
 * <p>It does not write files; callers write the string atomically next to the results.
 */
public final class EffectiveWriter {
    private EffectiveWriter() {
    }

    public static String write(Map<String, Object> tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(Integer.MAX_VALUE);
        options.setLineBreak(DumperOptions.LineBreak.UNIX);
        options.setSplitLines(false);
        String text = new Yaml(options).dump(tree);
        return text.equals("{}\n") ? "" : text;
    }
}
