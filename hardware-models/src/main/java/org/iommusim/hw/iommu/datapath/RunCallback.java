package org.iommusim.hw.iommu.datapath;

/**
 * The caller of {@link TimedIommu#translateRun}: besides one TLP at a time (a run that cannot
 * travel whole is answered TLP by TLP through {@link TranslationCallback}), it is told about the
 * TLPs of a run together. Tags of a run are consecutive: TLP m of a run with first tag t has tag
 * t + m. Every TLP of a run answered together was translated, with the same latency.
 *
 * <p>Contract: the caller acts on its TLPs' answers (schedules, sends, frees, tells others) only
 * once the last of its outstanding TLPs has been answered; answers before that are only counted.
 * The IOMMU relies on it to hand back the TLPs a walk served after admitting the waiters their
 * slots let in ({@link ServedTogether}), as it does for a run's.
 */
public interface RunCallback extends TranslationCallback {
    /** TLPs {@code firstTag} to {@code firstTag + count - 1} were taken in, in that order ({@link #accepted}). */
    void acceptedRun(long firstTag, int count);

    /** TLPs {@code firstTag} to {@code firstTag + count - 1} were translated, each after {@code latencyPs}. */
    void translatedRun(long firstTag, int count, long latencyPs);
}
