package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Main#commandLine(String...)}: a command line whose first argument names a command
 * builds that command alone (a run does not wait for the other commands' models); every other
 * builds all of them, in the order the help lists them, so help and suggestions see them all.
 */
class CommandLineTest {
    @Test
    void namedCommand_buildsThatCommandOnly() {
        assertThat(Main.commandLine("run", "hw-vs-sw", "--jobs", "2").getSubcommands()).containsOnlyKeys("run");
        assertThat(Main.commandLine("bench", "model").getSubcommands()).containsOnlyKeys("bench");
        assertThat(Main.commandLine("bench").getSubcommands().get("bench").getSubcommands())
                .containsKeys("kernel", "translate", "model");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--help", "--version", "help", "rnu", "-q"})
    void noCommandNamed_buildsEveryCommandInHelpOrder(String first) {
        String[] args = first.isEmpty() ? new String[0] : new String[] {first, "run"};
        assertThat(Main.commandLine(args).getSubcommands().keySet()).containsExactly(
                "run", "compare", "sweep", "report", "validate", "config", "list", "bench", "help");
    }

    @Test
    void namedCommandsHelp_isTheQualifiedCommandsHelp() {
        StringWriter out = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "run", "--help");
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("Usage: iommusim run ").contains("--jobs");
    }

    @Test
    void helpCommand_findsTheCommandItNames() {
        StringWriter out = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "help", "sweep");
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("Usage: iommusim sweep ");
    }
}
