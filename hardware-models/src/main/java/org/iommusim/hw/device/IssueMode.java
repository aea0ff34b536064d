package org.iommusim.hw.device;

import org.iommusim.core.random.Distribution;
import org.iommusim.core.random.DistributionSpec;
import org.iommusim.core.random.RandomStreams;

/**
 * When a {@link DmaEngine} issues requests.
 * <ul>
 *   <li>{@link ClosedLoop}: keeps {@code queueDepth} requests outstanding — a new one the instant
 *       one ends (fio's {@code iodepth}, an NVMe queue).</li>
 *   <li>{@link OpenLoop}: requests arrive at {@code ratePerSecond}, at fixed intervals or as a
 *       Poisson process — or with gaps drawn from a given {@code interArrival} distribution (ps;
 *       the rate is then unused) —, whatever the device's progress; an arrival finding every tag busy
 *       waits in the device's backlog (its latency counts from its arrival).</li>
 *   <li>{@link Driven}: the engine issues nothing by itself; a driver (a NIC ring, a trace
 *       replay) hands it each request with {@link DmaEngine#submit}, which waits for a tag in
 *       arrival order like an open-loop arrival.</li>
 * </ul>
 */
public sealed interface IssueMode {
    record ClosedLoop(int queueDepth) implements IssueMode {
        public ClosedLoop {
            if (queueDepth < 1) {
                throw new IllegalArgumentException("queueDepth must be >= 1, got " + queueDepth);
            }
        }
    }

    record OpenLoop(double ratePerSecond, boolean poisson, DistributionSpec interArrival) implements IssueMode {
        /** Arrivals at the rate, at fixed intervals or as a Poisson process. */
        public OpenLoop(double ratePerSecond, boolean poisson) {
            this(ratePerSecond, poisson, null);
        }

        public OpenLoop {
            if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
                throw new IllegalArgumentException("ratePerSecond must be positive and finite, got " + ratePerSecond);
            }
        }

        /** Mean interval between arrivals in ps. */
        public double meanIntervalPs() {
            return 1e12 / ratePerSecond;
        }

        /**
         * The gaps between arrivals, drawn from stream {@code <prefix>.arrivals}: the given
         * distribution, else exponential with the rate's mean when {@code poisson}; null for fixed
         * intervals.
         */
        public Distribution interArrivals(RandomStreams streams, String prefix) {
            if (interArrival != null) {
                return streams.stream(prefix + ".arrivals").create(interArrival);
            }
            return poisson ? streams.stream(prefix + ".arrivals").exponential(meanIntervalPs()) : null;
        }
    }

    record Driven() implements IssueMode {
    }
}
