package org.iommusim.scenarios.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads a configuration in layers — reference defaults ← the selected preset of a section, if
 * any ({@link PresetLayer}) ← scenario file ← {@code --set} overrides — and binds it to the root record of a {@link Schema}, then runs the cross-field
 * {@link ConfigRule}s. Every problem in every layer is collected and thrown together as one
 * {@link ConfigException}.
 *
 * <p>Immutable: {@code with...} methods return a new loader, so one loader may serve many
 * loads (and threads). It does not know any concrete schema, and does not write files.
 *
 * @param <R> the root config record
 */
public final class ConfigLoader<R extends Record> {
    private final Schema schema;
    private final Class<R> rootType;
    private final YamlNode.MapNode reference;
    private final List<ConfigRule<? super R>> rules;
    private final PresetLayer presets;

    private ConfigLoader(Class<R> rootType, Schema schema, YamlNode.MapNode reference, List<ConfigRule<? super R>> rules,
                         PresetLayer presets) {
        this.rootType = rootType;
        this.schema = schema;
        this.reference = reference;
        this.rules = List.copyOf(rules);
        this.presets = presets;
    }

    /** A loader for {@code rootType}'s schema, with schema defaults only (no reference file). */
    public static <R extends Record> ConfigLoader<R> of(Class<R> rootType) {
        return new ConfigLoader<>(rootType, Schema.of(rootType), null, List.of(), null);
    }

    /** A loader for {@code rootType} with the given schema of it (one built with registries). */
    public static <R extends Record> ConfigLoader<R> of(Class<R> rootType, Schema schema) {
        if (schema.root().type() != rootType) {
            throw new IllegalArgumentException("the schema is of " + schema.root().type().getName() + ", not "
                    + rootType.getName());
        }
        return new ConfigLoader<>(rootType, schema, null, List.of(), null);
    }

    /** Uses {@code yaml} (shown as {@code sourceName} in origins) as the reference defaults layer. */
    public ConfigLoader<R> withReference(String yaml, String sourceName) {
        return new ConfigLoader<>(rootType, schema, YamlReader.readDocument(yaml, sourceName), rules, presets);
    }

    /** Uses a classpath resource next to {@code anchor} as the reference layer. */
    public ConfigLoader<R> withReferenceResource(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing resource " + resource + " next to " + anchor.getName());
            }
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            return withReference(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + resource, e);
        }
    }

    public ConfigLoader<R> withRule(ConfigRule<? super R> rule) {
        List<ConfigRule<? super R>> all = new ArrayList<>(rules);
        all.add(rule);
        return new ConfigLoader<>(rootType, schema, reference, all, presets);
    }

    /** Layers the preset a scenario selects under the scenario (one preset layer per loader). */
    public ConfigLoader<R> withPresets(PresetLayer layer) {
        return new ConfigLoader<>(rootType, schema, reference, rules, layer);
    }

    public Schema schema() {
        return schema;
    }

    /** Reads {@code file} (named in messages as given) and loads it with the overrides. */
    public EffectiveConfig<R> load(Path file, List<String> sets) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(new Diagnostic(Origin.file(file.toString(), 1, 1), "",
                    "cannot read the file: " + org.iommusim.core.input.IoReasons.of(e)));
        }
        return load(bytes, file.toString(), sets);
    }

    /** Loads UTF-8 bytes; invalid UTF-8 is reported as bad input. */
    public EffectiveConfig<R> load(byte[] utf8, String sourceName, List<String> sets) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(new Diagnostic(Origin.file(sourceName, 1, 1), "",
                    "the file is not valid UTF-8 text"));
        }
        return load(text, sourceName, sets);
    }

    /** Loads scenario text (an empty text means "all defaults") with {@code --set} arguments. */
    public EffectiveConfig<R> load(String text, String sourceName, List<String> sets) {
        return load(text, sourceName, List.of(), sets);
    }

    /**
     * Loads scenario text with {@code layered} overrides (a variant's or sweep point's, located
     * in the file) applied before the {@code --set} arguments, which win.
     */
    public EffectiveConfig<R> load(String text, String sourceName, List<SetOverride> layered, List<String> sets) {
        Diagnostics diagnostics = new Diagnostics();
        YamlNode.MapNode file = null;
        try {
            file = YamlReader.readDocument(text, sourceName);
        } catch (ConfigException e) {
            e.diagnostics().forEach(diagnostics::add);
        }
        List<SetOverride> overrides = new ArrayList<>(layered);
        overrides.addAll(SetOverride.parseAll(sets, diagnostics));
        if (file == null) {
            diagnostics.throwIfAny();
        }
        YamlNode.MapNode tree = Overrides.apply(file, overrides, schema.root(), diagnostics);
        if (presets != null) {
            tree = presets.under(tree);
        }
        Binder binder = new Binder(diagnostics);
        Binder.Bound bound = binder.record(schema.root(), tree, reference, "", tree.origin());
        diagnostics.throwIfAny();
        @SuppressWarnings("unchecked")
        Map<String, Object> yaml = (Map<String, Object>) bound.yaml();
        EffectiveConfig<R> result = new EffectiveConfig<>(rootType.cast(bound.value()), yaml, binder.origins());
        runRules(result, diagnostics);
        diagnostics.throwIfAny();
        return result;
    }

    private void runRules(EffectiveConfig<R> config, Diagnostics diagnostics) {
        ConfigRule.Context context = new ConfigRule.Context() {
            @Override
            public void error(String path, String rest) {
                Origin o = config.origin(path);
                // a key the file does not write (its default is at fault): point at the file itself
                Origin doc = config.origin("");
                boolean implicit = o.kind() == Origin.Kind.DEFAULT || o.kind() == Origin.Kind.PRESET;
                diagnostics.atKey(implicit && doc.kind() != Origin.Kind.DEFAULT ? doc : o, path,
                        rest);
            }

            @Override
            public Origin origin(String path) {
                return config.origin(path);
            }
        };
        for (ConfigRule<? super R> rule : rules) {
            rule.check(config.value(), context);
        }
    }
}
