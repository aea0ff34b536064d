package org.iommusim.scenarios.runner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.iommusim.core.input.UserInputException;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.scenarios.model.Assembly;
import org.iommusim.scenarios.schema.CacheShape;
import org.iommusim.scenarios.schema.DeviceSpec;
import org.iommusim.scenarios.schema.Scenario;

/**
 * An upper estimate of the heap a run needs, made from the configuration before any model is
 * built, so that a scenario too large for the heap is refused as bad input (exit 2, naming the
 * key, the estimate and the heap) instead of ending in an OutOfMemoryError. It counts what grows
 * with the configuration: the arrays of every cache (per entry, by structure), the time series
 * (per sample: while sampled, kept in the results, written to {@code stats.json} and read back
 * by the report) and a fixed allowance per replication for the rest of a model; replications
 * running at once ({@code --jobs}) are counted together.
 *
 * <p>Does not count: page tables of very large {@code eachPage} maps, trace files, and queues
 * that grow when a resource is overloaded.
 */
public final class MemoryEstimate {
    /**
     * Heap per entry of a set-associative cache: contexts, tags and payloads (3 × 8 B), the valid
     * flag (1 B), the slot index (at most 16 B: an int table of the next power of two above two
     * slots per entry), the free-way stack (4 B), the LRU order (8 B) and per-set arrays when
     * every set has one way (up to 16 B); measured in MemoryEstimateTest.
     */
    static final long CACHE_ENTRY_BYTES = 72;
    /** IOTLB slots also keep a stamp and a GPA page (stale-use accounting). */
    static final long IOTLB_EXTRA_BYTES = 16;
    /** Walk-cache and nested-TLB slots also keep a stamp. */
    static final long STAMP_BYTES = 8;
    /** ATC slots also keep a stamp, a GPA page and a domain. */
    static final long ATC_EXTRA_BYTES = 20;
    /** A sample being recorded: time and value (16 B) in arrays that double (old and new during a copy). */
    static final long LIVE_SAMPLE_BYTES = 48;
    /** A sample kept in a finished replication's snapshot until the results are written. */
    static final long KEPT_SAMPLE_BYTES = 16;
    /** A sample in {@code stats.json}: about 35 characters while built and written, and the report's JSON tree. */
    static final long OUTPUT_SAMPLE_BYTES = 256;
    /** The rest of one replication's model: page tables, devices, queues, histograms, statistics. */
    static final long REPLICATION_BYTES = 64L << 20;

    /** Above this estimate a larger heap is no advice worth giving. */
    static final long HEAP_HINT_LIMIT = 256L << 30;

    private MemoryEstimate() {
    }

    /** What one key of one variant costs per replication. */
    record Part(String key, String value, long bytes) {
    }

    /** The heap one replication of {@code s} needs while it runs, by the keys it grows with. */
    static List<Part> replication(Scenario s) {
        List<Part> parts = new ArrayList<>();
        cache(parts, "iommu.iotlb", s.iommu().iotlb(), IOTLB_EXTRA_BYTES, 1);
        int overridden = s.iommu().walkCacheLevels().size();
        cache(parts, "iommu.walkCache", s.iommu().walkCache(), STAMP_BYTES, Math.max(0, 8 - overridden));
        for (int i = 0; i < overridden; i++) {
            cache(parts, "iommu.walkCacheLevels." + i, s.iommu().walkCacheLevels().get(i), STAMP_BYTES, 1);
        }
        cache(parts, "iommu.nestedTlb", s.iommu().nestedTlb(), STAMP_BYTES, 1);
        cache(parts, "iommu.contextCache", s.iommu().contextCache(), 0, 1);
        for (DeviceSpec d : s.devices()) {
            if (!Boolean.FALSE.equals(d.ats().enabled())) { // unset: the preset's; counted (an upper bound)
                cache(parts, "devices." + d.name() + ".ats.atc", d.ats().atc(), ATC_EXTRA_BYTES, 1);
            }
        }
        parts.add(new Part("sampling", SimTime.format(s.sampling()), samples(s) * LIVE_SAMPLE_BYTES));
        return parts;
    }

    private static void cache(List<Part> parts, String key, CacheShape c, long extra, int instances) {
        parts.add(new Part(key + ".entries", Integer.toString(c.entries()),
                (long) instances * c.entries() * (CACHE_ENTRY_BYTES + extra)));
    }

    /** Samples of all time series of one replication (they cover the measured window). */
    static long samples(Scenario s) {
        return s.sampling() <= 0 ? 0 : (s.duration() / s.sampling() + 1) * Assembly.timeSeriesPerReplication();
    }

    private static long sum(List<Part> parts) {
        return REPLICATION_BYTES + parts.stream().mapToLong(Part::bytes).sum();
    }

    /**
     * The heap a run of {@code variants} needs with {@code jobs} replications at once: the
     * largest replications running together plus every finished one's samples, or, once all
     * have run, the samples as written and read back — whichever is more.
     */
    static long bytes(List<Scenario> variants, int jobs) {
        List<Long> runs = new ArrayList<>();
        long kept = 0;
        long output = REPLICATION_BYTES;
        for (Scenario s : variants) {
            long one = sum(replication(s));
            for (int k = 0; k < s.replicationCap(); k++) {
                runs.add(one);
            }
            kept += s.replicationCap() * samples(s) * KEPT_SAMPLE_BYTES;
            output += s.replicationCap() * samples(s) * (OUTPUT_SAMPLE_BYTES + KEPT_SAMPLE_BYTES);
        }
        runs.sort(Comparator.reverseOrder());
        long running = runs.stream().limit(Math.max(1, jobs)).mapToLong(Long::longValue).sum();
        return Math.max(running + kept, output);
    }

    /**
     * {@code requested} when it is positive ({@code --jobs N}); else ({@link Prepared#AUTO_JOBS}) one
     * per processor, or fewer: the most replications at once whose estimate fits in the heap
     * (at least 1, so a run too large even alone is refused by {@link #check} as before).
     */
    public static int jobs(List<Scenario> variants, int requested) {
        return requested > 0 ? requested : fitting(variants, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory());
    }

    static int fitting(List<Scenario> variants, int processors, long heap) {
        int j = Math.max(1, processors);
        while (j > 1 && bytes(variants, j) > heap) {
            j--;
        }
        return j;
    }

    /**
     * Whether one model per variant, built by the check and kept until its first replication runs
     * ({@link Prepared}), fits in the heap beside a run of {@code jobs} replications at once.
     */
    static boolean fitsKept(List<Scenario> variants, int jobs) {
        return fitsKept(variants, jobs, Runtime.getRuntime().maxMemory());
    }

    static boolean fitsKept(List<Scenario> variants, int jobs, long heap) {
        return kept(variants) + bytes(variants, jobs) <= heap;
    }

    /** One replication's model per variant. */
    static long kept(List<Scenario> variants) {
        return variants.stream().mapToLong(s -> sum(replication(s))).sum();
    }

    /** Refuses a run of {@code variants} with {@code jobs} at once that would not fit in the Java heap. */
    public static void check(List<Scenario> variants, int jobs) {
        check(variants, jobs, Runtime.getRuntime().maxMemory());
    }

    static void check(List<Scenario> variants, int jobs, long heap) {
        long need = bytes(variants, jobs);
        if (need <= heap) {
            return;
        }
        Part worst = null;
        for (Scenario s : variants) {
            for (Part p : replication(s)) {
                long total = p.key().equals("sampling") ? s.replicationCap() * samples(s) * OUTPUT_SAMPLE_BYTES : p.bytes();
                if (worst == null || total > worst.bytes()) {
                    worst = new Part(p.key(), p.value(), total);
                }
            }
        }
        int atOnce = Math.min(Math.max(1, jobs), variants.stream().mapToInt(Scenario::replicationCap).sum());
        throw new UserInputException("the scenario needs about " + size(need) + " of memory, more than the Java"
                + " heap of " + size(heap) + " (Runtime.maxMemory); key '" + worst.key() + "': " + worst.value()
                + " takes " + size(worst.bytes()) + (atOnce > 1 ? " per replication, " + atOnce + " replications at"
                + " once (--jobs " + jobs + ")" : "") + ". Lower it" + (atOnce > 1 ? " (or --jobs)" : "")
                + (need > HEAP_HINT_LIMIT ? "" : ", or give Java a larger heap, e.g. IOMMUSIM_JAVA_OPTS=-Xmx"
                + ((need >> 30) + 1) + "g"));
    }

    /** {@code 1.5 GiB}, {@code 640 MiB}. */
    static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(java.util.Locale.ROOT, "%d MiB", (bytes + (1L << 20) - 1) >> 20);
    }
}
