package org.iommusim.reports.io;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.ResultsJson;
import org.iommusim.reports.ReportInputException;

/**
 * One results folder read into memory: the statistics document (required), the manifest and
 * the effective configuration text (both optional) and the names of the raw files present, for
 * the report's links. Reads only; does not look at charts or an earlier report.
 */
public record ResultsFolder(Path dir, ResultsDocument results, Manifest manifest, Optional<String> config,
        List<String> rawFiles, MergedHistograms histograms) {
    public static final String STATS_JSON = "stats.json";
    public static final String CONFIG = "config.effective.yaml";
    /** The raw files a report links to when they exist, in this order. */
    public static final List<String> RAW_FILES = List.of(STATS_JSON, "findings.json", "stats.csv", "stats.txt",
            Manifest.FILE, CONFIG, "sweep.csv");

    public ResultsFolder {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(manifest, "manifest");
        rawFiles = List.copyOf(rawFiles);
        Objects.requireNonNull(histograms, "histograms");
    }

    /**
     * Reads the folder.
     *
     * @throws ReportInputException when the folder or {@code stats.json} is missing, unreadable
     *     or not a results document; the message names the file
     */
    public static ResultsFolder read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ReportInputException(dir + ": not a results folder (no such directory)");
        }
        Path stats = dir.resolve(STATS_JSON);
        ResultsDocument doc;
        try {
            doc = ResultsJson.read(stats);
        } catch (NoSuchFileException e) {
            throw new ReportInputException(stats + ": missing; a results folder needs " + STATS_JSON, e);
        } catch (MalformedInputException e) {
            throw new ReportInputException(stats + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new ReportInputException(stats + ": cannot be read: " + oneLine(e.getMessage()), e);
        } catch (IllegalArgumentException e) {
            String why = oneLine(e.getMessage());
            if (why.startsWith(STATS_JSON + ": ")) {
                why = why.substring(STATS_JSON.length() + 2);
            }
            throw new ReportInputException(stats + ": not a results document: " + why, e);
        }
        return of(dir, doc);
    }

    /**
     * The folder with its statistics document already in memory (a run that has just written
     * {@code stats.json} from {@code doc}, so need not read it back); the other files are read as
     * {@link #read} reads them.
     */
    public static ResultsFolder of(Path dir, ResultsDocument doc) {
        return of(dir, doc, null);
    }

    /**
     * {@link #of(Path, ResultsDocument)} with the folder's merged histograms already in memory too
     * (the logs the run has just written); null reads them.
     */
    public static ResultsFolder of(Path dir, ResultsDocument doc, MergedHistograms merged) {
        Objects.requireNonNull(doc, "doc");
        if (!Files.isDirectory(dir)) {
            throw new ReportInputException(dir + ": not a results folder (no such directory)");
        }
        Optional<String> config;
        try {
            Path c = dir.resolve(CONFIG);
            config = Files.isRegularFile(c) ? Optional.of(Files.readString(c)) : Optional.empty();
        } catch (IOException e) {
            config = Optional.of("(" + CONFIG + " could not be read: " + oneLine(e.getMessage()) + ")");
        }
        List<String> raw = new ArrayList<>();
        for (String name : RAW_FILES) {
            if (Files.isRegularFile(dir.resolve(name))) {
                raw.add(name);
            }
        }
        MergedHistograms histograms = merged != null ? merged : MergedHistograms.read(dir, doc.variants().size());
        raw.addAll(histograms.files());
        return new ResultsFolder(dir, doc, Manifest.read(dir), config, raw, histograms);
    }

    static String oneLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        return s.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
