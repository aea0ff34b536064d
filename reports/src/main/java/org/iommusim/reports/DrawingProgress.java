package org.iommusim.reports;

/**
 * Told how far {@link Reports#render(java.nio.file.Path, org.iommusim.reports.charts.ChartFiles, DrawingProgress)}
 * has come, for a progress display.
 */
public interface DrawingProgress {
    /** Nothing to tell. */
    DrawingProgress NONE = new DrawingProgress() {
        @Override
        public void begin(int charts) {
        }

        @Override
        public void drawn() {
        }
    };

    /** The charts are planned: {@code charts} of them will be drawn. */
    void begin(int charts);

    /** One more chart's files (its SVG, and PNG if asked) are written. */
    void drawn();
}
