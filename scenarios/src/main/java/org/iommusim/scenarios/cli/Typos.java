package org.iommusim.scenarios.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.iommusim.scenarios.config.Suggestions;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * "Did you mean" for a mistyped subcommand ({@code rnu}) or option ({@code --jbos}): the nearest
 * name of the command's subcommands or options by edit distance ({@link Suggestions}), for the
 * first unmatched argument that has one.
 */
final class Typos {
    private Typos() {
    }

    static Optional<String> suggestion(CommandLine command, List<String> unmatched) {
        List<String> options = new ArrayList<>();
        for (OptionSpec o : command.getCommandSpec().options()) {
            options.addAll(List.of(o.names()));
        }
        List<String> subcommands = new ArrayList<>(command.getSubcommands().keySet());
        for (String arg : unmatched) {
            String word = arg.contains("=") && arg.startsWith("-") ? arg.substring(0, arg.indexOf('=')) : arg;
            List<String> candidates = word.startsWith("-") ? options : subcommands;
            Optional<String> near = Suggestions.closest(word, candidates);
            if (near.isPresent()) {
                return Optional.of("Did you mean '" + near.get() + "' instead of '" + word + "'?");
            }
        }
        return Optional.empty();
    }
}
