package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help, rendered as a user sees it (in a fresh JVM, so picocli's warnings reach
 * stderr): no picocli WARN (an unescaped {@code %} in a description, for one), no paragraph
 * broken mid-sentence (a line whose next line's first word would have fitted on it: text that
 * was wrapped by hand and again by picocli), and every command's one-line summary in the
 * command lists is a whole sentence.
 */
class HelpTextTest {
    private static final String SEPARATOR = "=== ";
    /** A line listing an option or a subcommand: what follows it starts a new entry. */
    private static final Pattern ENTRY = Pattern.compile("^\\s+(-|\\[?[A-Za-z][\\w.-]*\\]?\\s{2,}).*");

    /** Prints the help of every command, each after a separator line naming it. */
    public static void main(String[] args) {
        for (CommandLine c : all(Main.commandLine())) {
            System.out.println(SEPARATOR + c.getCommandSpec().qualifiedName());
            System.out.print(c.getUsageMessage(CommandLine.Help.Ansi.OFF));
        }
    }

    @Test
    void everyCommandsHelp_noWarning_noBrokenLine() throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path errFile = Files.createTempFile("help", ".err");
        Process p = new ProcessBuilder(java.toString(), "-cp", cp, HelpTextTest.class.getName())
                .redirectError(errFile.toFile()).start();
        p.getOutputStream().close();
        String out;
        try (var stdout = p.getInputStream()) {
            out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(errFile);
        Files.delete(errFile);
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(err).as("stderr while rendering help").doesNotContain("WARN").isEmpty();
        assertThat(out).contains(SEPARATOR + "iommusim run").contains(SEPARATOR + "iommusim bench model");
        assertThat(brokenLines(out, 80)).isEmpty();
    }

    @Test
    void everyCommandsSummary_isAWholeSentence() {
        for (CommandLine c : all(Main.commandLine())) {
            String[] d = c.getCommandSpec().usageMessage().description();
            assertThat(d).as(c.getCommandSpec().qualifiedName()).isNotEmpty();
            assertThat(d[0]).as(c.getCommandSpec().qualifiedName()).endsWith(".");
        }
    }

    @Test
    void brokenLines_findsAHandWrappedParagraph() {
        String text = "SCENARIO is a catalog name or a YAML file. Writes a results folder (files,\ncharts,\n"
                + "report.html) and prints a summary.\n";
        assertThat(brokenLines(text, 80)).containsExactly("charts,");
    }

    /** Lines followed, at the same indentation, by a line whose first word would have fitted. */
    static List<String> brokenLines(String text, int width) {
        List<String> lines = text.lines().toList();
        List<String> broken = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            String a = lines.get(i);
            String b = lines.get(i + 1);
            if (a.isBlank() || b.isBlank() || a.startsWith(SEPARATOR) || a.startsWith("Usage:") || a.strip().endsWith(".")
                    || ENTRY.matcher(b).matches() || indent(a) != indent(b)) {
                continue;
            }
            String firstWord = b.strip().split("\\s+")[0];
            // picocli keeps the last column free: a greedy wrap leaves lines of at most width - 1
            if (a.stripTrailing().length() + 1 + firstWord.length() <= width - 1) {
                broken.add(a.strip());
            }
        }
        return broken;
    }

    private static int indent(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static List<CommandLine> all(CommandLine root) {
        List<CommandLine> out = new ArrayList<>();
        out.add(root);
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!out.contains(sub)) {
                all(sub).stream().filter(c -> !out.contains(c)).forEach(out::add);
            }
        }
        return out;
    }
}
