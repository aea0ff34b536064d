package org.iommusim.scenarios.config;

/**
 * Where a configuration value came from: a position in a YAML file (a scenario or the
 * reference), a {@code --set} argument, a preset (a named defaults layer, {@link PresetLayer}),
 * or a schema default. Printed as the prefix of every
 * diagnostic ({@code scenario.yaml:12:5}, {@code --set iommu.iotlb.entries=4096}).
 *
 * <p>Lines and columns are 1-based. Only the source name given by the caller is kept (callers
 * pass a display name, not necessarily an absolute path).
 *
 * @param kind   file, {@code --set}, preset, or schema default
 * @param source the file's display name, the whole {@code --set} argument, the preset's name,
 *               or the key path
 * @param line   1-based line (0 when not a file position)
 * @param column 1-based column (0 when not a file position)
 */
public record Origin(Kind kind, String source, int line, int column) {

    /** The places a value can come from. */
    public enum Kind { FILE, SET, PRESET, DEFAULT }

    public static Origin file(String source, int line, int column) {
        return new Origin(Kind.FILE, source, line, column);
    }

    /** An origin for a {@code --set} argument (the whole {@code key=value} text). */
    public static Origin set(String argument) {
        return new Origin(Kind.SET, argument, 0, 0);
    }

    /** An origin for a value taken from the preset called {@code name}. */
    public static Origin preset(String name) {
        return new Origin(Kind.PRESET, name, 0, 0);
    }

    /** An origin for a value taken from the schema's declared default of {@code path}. */
    public static Origin schemaDefault(String path) {
        return new Origin(Kind.DEFAULT, path, 0, 0);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FILE -> source + ":" + line + ":" + column;
            case SET -> "--set " + source;
            case PRESET -> "preset '" + source + "'";
            case DEFAULT -> "default of '" + source + "'";
        };
    }
}
