package org.iommusim.reports;

/** Told how far {@link Reports#render(java.nio.file.Path, DrawingProgress)} has come, for a progress display. */
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

    /** One more chart file pair (PNG and SVG) is written. */
    void drawn();
}
