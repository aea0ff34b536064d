package org.iommusim.scenarios.config;

import java.util.List;

/**
 * One {@code --set key=value} argument: a dotted path ({@code devices.nic0.ring.buffers}, where
 * a segment after a named list is an element's {@code name}) and a value parsed as YAML (a
 * scalar, or a flow list/map such as {@code [4KiB, 2MiB]}). Origins of the value point at the
 * argument itself.
 *
 * <p>Parsing only checks the syntax; whether the path exists is decided against the schema by
 * {@link Overrides}.
 *
 * @param argument the whole argument as given
 * @param segments the dotted path split at dots
 * @param value    the parsed value
 */
public record SetOverride(String argument, List<String> segments, YamlNode value) {
    public SetOverride {
        segments = List.copyOf(segments);
    }

    /** Parses {@code key=value}; throws {@link ConfigException} when malformed. */
    public static SetOverride parse(String argument) {
        Origin origin = Origin.set(argument);
        int eq = argument.indexOf('=');
        if (eq < 0) {
            throw new ConfigException(new Diagnostic(origin, "",
                    "expected key=value (e.g. iommu.iotlb.entries=4096), got no '='"));
        }
        String path = argument.substring(0, eq).trim();
        List<String> segments = List.of(path.split("\\.", -1));
        if (path.isEmpty() || segments.stream().anyMatch(String::isBlank)) {
            throw new ConfigException(new Diagnostic(origin, path,
                    "expected key=value with a dotted key such as iommu.iotlb.entries, got key '" + path + "'"));
        }
        YamlNode value = YamlReader.readValue(argument.substring(eq + 1), origin);
        return new SetOverride(argument, segments, value);
    }

    /** Parses every argument; malformed ones go to {@code diagnostics} and are left out. */
    public static List<SetOverride> parseAll(List<String> arguments, Diagnostics diagnostics) {
        List<SetOverride> result = new java.util.ArrayList<>();
        for (String a : arguments) {
            try {
                result.add(parse(a));
            } catch (ConfigException e) {
                e.diagnostics().forEach(diagnostics::add);
            }
        }
        return List.copyOf(result);
    }

    public String path() {
        return String.join(".", segments);
    }

    public Origin origin() {
        return value.origin();
    }
}
