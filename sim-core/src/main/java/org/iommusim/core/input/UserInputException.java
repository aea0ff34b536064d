package org.iommusim.core.input;

/**
 * Bad input from the user (a scenario, a key, a value, a combination): the CLI prints the
 * message alone — no stack trace — and exits with code 2. The message must name what is wrong
 * and what is allowed.
 */
public class UserInputException extends RuntimeException implements BadInput {
    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
