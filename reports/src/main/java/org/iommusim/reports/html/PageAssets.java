package org.iommusim.reports.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The report's inline CSS and its self-check script, read from {@code iommusim/report/} on the
 * class path (kept apart from the page template). The script records, on {@code load}, in
 * attributes of {@code <body>}: {@code data-charts} (how many inline chart {@code <svg>}s),
 * {@code data-charts-drawn} (how many laid out with a non-empty box and content),
 * {@code data-chart-widths} (their view boxes' widths), {@code data-images} (how many {@code <img>}),
 * {@code data-images-loaded} (how many decoded with a non-zero natural width),
 * {@code data-image-widths}, {@code data-images-broken} (alt texts of the others),
 * {@code data-errors} (script errors, failed resource loads, {@code console.error} calls, joined
 * by {@code |}) and finally {@code data-check="done"}. It changes nothing visible.
 */
final class PageAssets {
    static final String FOLDER = "iommusim/report/";
    static final String CHECK_SCRIPT = resource("check.js");
    static final String CSS = resource("report.css");

    private PageAssets() {
    }

    static String resource(String name) {
        try (InputStream in = PageAssets.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("report resource " + FOLDER + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
