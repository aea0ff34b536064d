package org.iommusim.hw.ioasid;

/**
 * The outcome of a control-plane operation: a value, or the {@link OpError} that rejected it.
 * Rejections are ordinary values (a scenario may issue bad operations on purpose); exceptions
 * are kept for programming errors.
 */
public sealed interface Result<T> permits Result.Ok, Result.Err {

    /** An accepted operation and its value. */
    record Ok<T>(T value) implements Result<T> {
    }

    /** A rejected operation; the state is exactly as before it. */
    record Err<T>(OpError error) implements Result<T> {
    }

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Result<T> err(OpError error) {
        return new Err<>(error);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The value; throws {@link IllegalStateException} (with the error) if rejected. */
    default T value() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalStateException("operation rejected: " + ((Err<T>) this).error());
    }

    /** The error; throws {@link IllegalStateException} if the operation was accepted. */
    default OpError error() {
        if (this instanceof Err<T> err) {
            return err.error();
        }
        throw new IllegalStateException("operation was accepted");
    }
}
