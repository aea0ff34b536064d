package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A mistyped subcommand, option or catalog name: exit 2, and the nearest right name suggested. */
class TyposTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rnu hw-vs-sw                | Did you mean 'run' instead of 'rnu'?",
        "run --jbos 2 hw-vs-sw       | Did you mean '--jobs' instead of '--jbos'?",
        "run --jbos=2 hw-vs-sw       | Did you mean '--jobs' instead of '--jbos'?",
        "bench kernal                | Did you mean 'kernel' instead of 'kernal'?",
        "validate hw-vs-sww          | did you mean 'hw-vs-sw'?",
        "run gpa-chrun --no-report   | did you mean 'gpa-churn'?"})
    void typo_exit2_nearestNameSuggested(String args, String expected) {
        CliRig cli = new CliRig();
        String[] argv = (args.strip() + " --out " + dir.resolve("out")).split("\\s+");
        if (argv[0].equals("validate") || argv[0].equals("bench") || argv[0].equals("rnu")) {
            argv = args.strip().split("\\s+");
        }
        assertThat(cli.run(argv)).as(cli.err.toString()).isEqualTo(2);
        assertThat(cli.err.toString()).contains(expected).doesNotContain("Exception");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
