package org.iommusim.scenarios.config;

/**
 * One problem found in a configuration: where it is, which key, and what is wrong and allowed.
 * Printed as {@code origin: message}, for example
 * {@code scenario.yaml:7:5: key 'iommu.iotlb.entires' is unknown; did you mean 'entries'? (allowed: ...)}.
 *
 * @param origin  where the offending key or value is
 * @param path    the dotted key path ({@code ""} for the whole document)
 * @param message the complete sentence, starting with {@code key '<path>'} when a key is known
 */
public record Diagnostic(Origin origin, String path, String message) {

    /** A diagnostic about the key at {@code path}: the message is {@code key '<path>'<rest>}. */
    public static Diagnostic atKey(Origin origin, String path, String rest) {
        return new Diagnostic(origin, path, "key '" + path + "'" + rest);
    }

    @Override
    public String toString() {
        return origin + ": " + message;
    }
}
