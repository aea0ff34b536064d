package org.iommusim.scenarios.model;

import java.util.function.Supplier;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.scenarios.config.ConfigException;
import org.iommusim.scenarios.config.Diagnostic;
import org.iommusim.scenarios.config.EffectiveConfig;

/**
 * Turns a model's refusal of a configuration into bad input located in the scenario: a
 * hardware-model record rejecting a value ({@link IllegalArgumentException}) or the control
 * plane rejecting an operation ({@link Result} with an errno) becomes a {@link ConfigException}
 * naming the file, line, key and the model's reason, so assembly problems read like any other
 * validation error (exit 2, no stack trace).
 */
public final class Located {
    private final EffectiveConfig<?> config;

    public Located(EffectiveConfig<?> config) {
        this.config = config;
    }

    /** Bad input at {@code path}; the message continues "key 'path' ...". */
    public ConfigException fail(String path, String rest) {
        return new ConfigException(Diagnostic.atKey(config.origin(path), path, rest));
    }

    /** Builds something from configuration at {@code path}, reporting a refusal there. */
    public <T> T build(String path, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw fail(path, ": " + e.getMessage());
        }
    }

    /** The value of an accepted control-plane operation, or bad input at {@code path}. */
    public <T> T ok(String path, String what, Result<T> result) {
        if (!result.isOk()) {
            throw fail(path, ": " + what + " was refused: " + result.error());
        }
        return result.value();
    }
}
