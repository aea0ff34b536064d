package org.iommusim.scenarios.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.iommusim.core.input.IoReasons;
import org.iommusim.core.input.UserInputException;
import org.iommusim.reports.io.AtomicFiles;

/**
 * One run's output folder, written so that nothing half-written ever looks complete: files go
 * into a hidden staging folder beside the target ({@code .NAME.partial}), each written
 * atomically ({@link AtomicFiles}); {@link #commit} then renames the whole staging folder to
 * the target in one step. A failed run's staging folder is deleted ({@link #discard}); an
 * interrupted one is renamed {@code NAME-interrupted} and its manifest says it is incomplete.
 */
public final class OutputFolder {
    private final Path target;
    private final Path staging;

    private OutputFolder(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /** The default folder for a scenario: {@code results/NAME}, or {@code NAME-2}, {@code -3}... if taken. */
    public static Path defaultTarget(String scenarioName) {
        Path base = Path.of("results");
        Path p = base.resolve(scenarioName);
        for (int i = 2; Files.exists(p); i++) {
            p = base.resolve(scenarioName + "-" + i);
        }
        return p;
    }

    /**
     * Starts writing toward {@code target}, which must not exist or be an empty folder. Every
     * reason the results could not be moved there at the end is checked now, before anything
     * runs (see {@link #check}).
     */
    public static OutputFolder create(Path target) {
        check(target);
        Path abs = target.toAbsolutePath().normalize();
        Path staging = abs.resolveSibling("." + abs.getFileName() + ".partial");
        try {
            deleteTree(staging);
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new UserInputException("cannot create output folder next to " + target + ": " + IoReasons.of(e));
        }
        return new OutputFolder(target, staging);
    }

    /**
     * Refuses a results folder that a run could not end in: an empty path, the current folder or
     * one containing it (the results are renamed into place, which would replace it), an existing
     * file, a non-empty folder, or a path below a file.
     */
    public static void check(Path target) {
        if (target.toString().isBlank()) {
            throw new UserInputException("--out is empty; give the results folder, e.g. --out results/try1");
        }
        Path abs = target.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        if (abs.getFileName() == null || cwd.startsWith(abs)) {
            throw new UserInputException("output folder '" + target + "' is the current folder or contains it;"
                    + " results go into a folder of their own, e.g. --out results/try1");
        }
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new UserInputException("output folder " + target + " exists and is a file, not a folder;"
                    + " choose another with --out");
        }
        if (Files.exists(abs) && !isEmpty(abs)) {
            throw new UserInputException("output folder " + target + " already exists and is not empty; "
                    + "choose another with --out (runs never overwrite results)");
        }
        Path existing = abs.getParent();
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (!Files.isDirectory(existing)) {
            throw new UserInputException("output folder " + target + " cannot be created: " + existing
                    + " is a file, not a folder");
        }
        try { // the staging folder will be created beside the target: try it (permissions, read-only disks)
            Files.delete(Files.createTempDirectory(existing, ".iommusim-probe-"));
        } catch (IOException e) {
            throw new UserInputException("output folder " + target + " cannot be created in " + existing + ": "
                    + IoReasons.of(e));
        }
    }

    private static boolean isEmpty(Path dir) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** Where files are being written (the staging folder). */
    public Path staging() {
        return staging;
    }

    public Path target() {
        return target;
    }

    /** Writes {@code file} (a name inside the folder) atomically. */
    public void write(String file, String text) {
        try {
            AtomicFiles.writeString(staging.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " in " + staging, e);
        }
    }

    /** Writes {@code file} (a name inside the folder) atomically from {@code content}, without holding it whole. */
    public void write(String file, AtomicFiles.Content content) {
        try {
            AtomicFiles.write(staging.resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " in " + staging, e);
        }
    }

    /** Renames the staging folder to the target: the run is complete. */
    public Path commit() {
        return finish(target);
    }

    /** Renames the staging folder to {@code NAME-interrupted} (or a free variant of it). */
    public Path abandon() {
        Path p = target.resolveSibling(target.getFileName() + "-interrupted");
        for (int i = 2; Files.exists(p); i++) {
            p = target.resolveSibling(target.getFileName() + "-interrupted-" + i);
        }
        return finish(p);
    }

    /** Deletes everything written so far. */
    public void discard() {
        try {
            deleteTree(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + staging, e);
        }
    }

    private Path finish(Path to) {
        try {
            if (Files.isDirectory(to)) {
                Files.delete(to); // an empty folder given as --out
            }
            move(staging, to);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move results into " + to, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
