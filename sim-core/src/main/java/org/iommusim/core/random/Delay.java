package org.iommusim.core.random;

/**
 * A model's duration that is either fixed or drawn per use from a distribution: the runtime side
 * of a scenario key such as {@code latency} with its optional {@code latencyDistribution}.
 *
 * <p>Fixed (no distribution configured, the default everywhere) {@link #next()} returns the fixed
 * value on a fast path: no random draw, no allocation, no boxing, so a run without distributions
 * is the run it was before they existed. Drawn, each call takes one sample from the
 * distribution's own named stream, rounded to whole picoseconds and never below 0; a stream
 * serves one delay only, so configuring one distribution leaves every other stream's draws as
 * they were.
 *
 * <p>Does not model: correlation between successive draws (they are independent).
 */
public final class Delay {
    private final long fixedPs;
    private final Distribution draws;

    private Delay(long fixedPs, Distribution draws) {
        this.fixedPs = fixedPs;
        this.draws = draws;
    }

    /** Always {@code ps}. */
    public static Delay fixed(long ps) {
        if (ps < 0) {
            throw new IllegalArgumentException("a delay must be >= 0 ps, got " + ps);
        }
        return new Delay(ps, null);
    }

    /**
     * {@code fixedPs} when {@code spec} is null (no stream is created then); otherwise draws from
     * {@code spec} on the stream {@code streamName} of {@code streams}.
     */
    public static Delay of(long fixedPs, DistributionSpec spec, RandomStreams streams, String streamName) {
        if (spec == null) {
            return fixed(fixedPs);
        }
        if (!(spec.lowest() >= 0)) {
            throw new IllegalArgumentException("a delay is at least 0, but " + spec + " draws from " + spec.lowest());
        }
        Distribution d = spec.create(streams.stream(streamName));
        return new Delay(Math.round(d.mean()), d);
    }

    /** The next duration in picoseconds. */
    public long next() {
        Distribution d = draws;
        if (d == null) {
            return fixedPs;
        }
        long v = d.sampleLong();
        return v < 0 ? 0 : v;
    }

    /** Whether every call returns the same value (no distribution). */
    public boolean isFixed() {
        return draws == null;
    }

    /** The fixed value, or the distribution's mean rounded to picoseconds. */
    public long meanPs() {
        return fixedPs;
    }

    @Override
    public String toString() {
        return draws == null ? fixedPs + "ps" : draws.spec().toString();
    }
}
