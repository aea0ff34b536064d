/**
 * The {@code iommusim} command line (picocli): {@link org.iommusim.scenarios.cli.Main} with its
 * exit-code contract (0 success, 2 bad input without a stack trace, 1 internal error) and the
 * subcommands. Commands parse and report; the work lives in the other modules.
 */
package org.iommusim.scenarios.cli;
