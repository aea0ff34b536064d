package org.iommusim.scenarios.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A key this section no longer has because it moved elsewhere: a scenario that still writes it is
 * refused (exit 2) with the key it must use now and why, instead of the generic "unknown key"
 * suggestion (which would point at the nearest spelling in the section, not at the new place).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MovedKey {
    /** The key as the section used to spell it. */
    String key();

    /** Where it is now, as a full key path ({@code devices.<d>.dma.requestOccupancy}). */
    String to();

    /** Why it moved (one clause). */
    String why();
}
