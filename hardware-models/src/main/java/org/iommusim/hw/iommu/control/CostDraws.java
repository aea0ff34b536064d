package org.iommusim.hw.iommu.control;

import org.iommusim.core.random.Delay;
import org.iommusim.core.random.RandomStreams;

/**
 * The per-operation control-plane costs as charged: each the {@link CostModel}'s fixed cost, or a
 * draw per charge from its {@link CostDistributions} entry on its own stream
 * {@code <prefix>.cost.<name>} (syscall, trap, descriptor, page-request, shadow-fault). Without
 * distributions every method returns the fixed cost with no draw.
 */
public final class CostDraws {
    private final Delay syscall;
    private final Delay trap;
    private final Delay descriptor;
    private final Delay pageRequest;
    private final Delay shadowFault;

    /** The costs of {@code c}, drawing from {@code streams} where {@code c} gives a distribution. */
    public CostDraws(CostModel c, RandomStreams streams, String prefix) {
        CostDistributions d = c.distributions();
        String p = prefix + ".cost.";
        syscall = Delay.of(c.syscallPs(), d.syscall(), streams, p + "syscall");
        trap = Delay.of(c.trapPs(), d.trap(), streams, p + "trap");
        descriptor = Delay.of(c.descriptorPs(), d.descriptor(), streams, p + "descriptor");
        pageRequest = Delay.of(c.pageRequestPs(), d.pageRequest(), streams, p + "page-request");
        shadowFault = Delay.of(c.shadowFaultPs(), d.shadowFault(), streams, p + "shadow-fault");
    }

    /** The fixed costs of {@code c}, its distributions left aside (no streams, no draws). */
    public static CostDraws fixed(CostModel c) {
        return new CostDraws(c.withDistributions(CostDistributions.NONE), null, "");
    }

    public long syscall() {
        return syscall.next();
    }

    public long trap() {
        return trap.next();
    }

    /** The cost of writing {@code n} descriptors: n × the fixed cost, or the sum of n draws. */
    public long descriptors(long n) {
        if (descriptor.isFixed()) {
            return Math.multiplyExact(n, descriptor.next());
        }
        long t = 0;
        for (long i = 0; i < n; i++) {
            t = Math.addExact(t, descriptor.next());
        }
        return t;
    }

    public long pageRequest() {
        return pageRequest.next();
    }

    public long shadowFault() {
        return shadowFault.next();
    }
}
