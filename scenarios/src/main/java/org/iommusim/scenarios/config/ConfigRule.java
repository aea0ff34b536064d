package org.iommusim.scenarios.config;

/**
 * A cross-field validation rule run after binding succeeds, for checks one key cannot express:
 * a device naming a missing IOASID, hardware nesting deeper than two stages. It reports each
 * problem against the dotted path of the offending value, and the loader turns that into a
 * located diagnostic ({@code file:line:col: key 'devices.nic0.ioasid' ...}).
 *
 * <p>Rules must not throw for bad input; they report through the context.
 *
 * @param <R> the root config record
 */
@FunctionalInterface
public interface ConfigRule<R> {
    void check(R config, Context context);

    /** Where a rule reports problems. */
    interface Context {
        /**
         * Reports a problem with the value at {@code path} (dotted; named list elements by name,
         * others by index). The message continues {@code key '<path>'}, e.g. {@code " names IOASID
         * 'vm9', which is not defined (defined: vm0, vm1)"}.
         */
        void error(String path, String rest);

        /** Where the value at {@code path} came from (the nearest known ancestor if not exact). */
        Origin origin(String path);
    }
}
