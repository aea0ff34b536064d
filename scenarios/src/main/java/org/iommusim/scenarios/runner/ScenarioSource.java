package org.iommusim.scenarios.runner;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.iommusim.scenarios.catalog.Catalog;
import org.iommusim.scenarios.config.Suggestions;
import org.iommusim.core.input.IoReasons;
import org.iommusim.core.input.UserInputException;

/**
 * Where a scenario comes from: a catalog name ({@code hw-vs-sw}) or a YAML file path. Holds the
 * text, the name used in messages ({@code hw-vs-sw.yaml} or the path as given), the directory
 * relative paths inside it resolve against (trace files), and the default scenario name.
 */
public record ScenarioSource(String text, String sourceName, Path baseDir, String defaultName) {

    /** Resolves {@code argument}: an existing file wins over a catalog name of the same spelling. */
    public static ScenarioSource resolve(String argument) {
        Path file = Path.of(argument);
        if (Files.isRegularFile(file)) {
            return new ScenarioSource(read(file, argument), argument, baseDir(file), stem(file));
        }
        var text = Catalog.text(argument);
        if (text.isPresent()) {
            return new ScenarioSource(text.get(), argument + ".yaml", Path.of("."), argument);
        }
        throw new UserInputException("no scenario '" + argument + "': not a file, and not in the catalog"
                + Suggestions.tail(argument, Catalog.NAMES));
    }

    private static String read(Path file, String shown) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UserInputException(shown + ": the file is not valid UTF-8 text");
        } catch (IOException e) {
            throw new UserInputException(shown + ": cannot read the file: " + IoReasons.of(e));
        }
    }

    private static Path baseDir(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
