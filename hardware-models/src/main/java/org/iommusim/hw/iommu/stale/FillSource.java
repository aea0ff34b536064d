package org.iommusim.hw.iommu.stale;

/**
 * Where the entries a cache is being filled with come from, as the {@link StaleUseOracle} sets it
 * before a fill: the epoch the tables were read at, the GPA the translation went through and its
 * domain. Every {@link EntryStamps} copies it into the slot the cache reports filled.
 */
final class FillSource {
    long stamp;
    long gpa = StaleUseTracker.NO_GPA;
    int domain = -1;

    void set(long epoch, long throughGpa, int dom) {
        stamp = epoch;
        gpa = throughGpa;
        domain = dom;
    }
}
