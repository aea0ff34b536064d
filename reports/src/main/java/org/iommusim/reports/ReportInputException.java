package org.iommusim.reports;

import org.iommusim.core.input.BadInput;

/**
 * A results folder that cannot be reported on: {@code stats.json} missing, unreadable or not a
 * results document. The message is one line naming the file and what is wrong; the CLI prints
 * it and exits with code 2 (bad input) instead of showing a stack trace.
 */
public class ReportInputException extends RuntimeException implements BadInput {
    private static final long serialVersionUID = 1L;

    public ReportInputException(String message) {
        super(message);
    }

    public ReportInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
