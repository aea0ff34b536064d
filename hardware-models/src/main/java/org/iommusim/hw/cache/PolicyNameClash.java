package org.iommusim.hw.cache;

import org.iommusim.core.input.BadInput;

/**
 * A replacement policy registered from outside the model (through {@link java.util.ServiceLoader})
 * whose configuration name is already taken, by a built-in policy or by another registered one.
 * The installation, not a scenario, is wrong: the message names the clashing name, both classes
 * and the names in use, so the author of the plug-in can rename it. The CLI reports it as bad
 * input (exit 2) even when it surfaces while a class is being initialised.
 */
public final class PolicyNameClash extends IllegalStateException implements BadInput {
    private static final long serialVersionUID = 1L;

    PolicyNameClash(ReplacementPolicy.Type registered, ReplacementPolicy.Type taken, boolean builtIn,
            Iterable<String> inUse) {
        super("the replacement policy " + registered.getClass().getName() + ", registered through META-INF/services/"
                + ReplacementPolicy.Type.class.getName() + ", is named '" + registered.name() + "', which "
                + (builtIn ? "a built-in policy" : "the registered policy " + taken.getClass().getName())
                + " already uses; give it another name (names in use: " + String.join(", ", inUse) + ")");
    }
}
