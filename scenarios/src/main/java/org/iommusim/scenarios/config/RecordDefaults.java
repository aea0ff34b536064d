package org.iommusim.scenarios.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import org.iommusim.scenarios.config.FieldSpec.ScalarType;

/**
 * The defaults a config record declares as a value rather than as {@link Key#def()} texts: a
 * record with a {@code static R defaults()} method (typically built from a hardware model's
 * {@code *Config.defaults()}, the one place those numbers are written) gets each scalar key's
 * default from that instance, written as a scenario would write it. Stateless.
 */
final class RecordDefaults {
    private RecordDefaults() {
    }

    /** The instance {@code type.defaults()} returns, or null when the record declares no such method. */
    static Record of(Class<?> type) {
        Method m;
        try {
            m = type.getDeclaredMethod("defaults");
        } catch (NoSuchMethodException none) {
            return null;
        }
        if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != type) {
            throw new IllegalArgumentException(type.getName() + ".defaults() must be static and return "
                    + type.getSimpleName());
        }
        try {
            m.setAccessible(true);
            return (Record) m.invoke(null);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(type.getName() + ".defaults() failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call " + type.getName() + ".defaults()", e);
        }
    }

    /** The value of component {@code c} in {@code defaults}. */
    static Object value(Record defaults, RecordComponent c) {
        try {
            Method accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(defaults);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + defaults, e);
        }
    }

    /** {@code value} as default text: canonical, numbers without a trailing {@code .0}; {@code ~} for null. */
    static String text(ScalarType type, Object value) {
        if (value == null) {
            return Key.NONE;
        }
        Object canonical = Scalars.canonical(type, value);
        if (canonical instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(canonical);
    }
}
