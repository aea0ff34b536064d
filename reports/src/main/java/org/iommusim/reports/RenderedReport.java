package org.iommusim.reports;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Reports#render} wrote: the HTML page, every chart file (each chart's SVG, then its
 * PNG if written, in the order they appear on the page) and one note per chart that was not drawn
 * and why (a statistic the run did not register, nothing to compare). Paths are inside the results
 * folder.
 */
public record RenderedReport(Path html, List<Path> charts, List<String> notes) {
    public RenderedReport {
        Objects.requireNonNull(html, "html");
        charts = List.copyOf(charts);
        notes = List.copyOf(notes);
    }
}
