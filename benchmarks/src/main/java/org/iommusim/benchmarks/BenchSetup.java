package org.iommusim.benchmarks;

import java.util.concurrent.TimeUnit;
import org.iommusim.hw.ioasid.AllocSpec;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the data-path benchmarks share: JMH's settings (inherited by each subclass — average
 * time in ns, 3 warm-up and 5 measured 1 s iterations, one fork with the launcher's parallel
 * collector, one state per thread) and the control-plane setup of a mapped host table.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xmx2g"})
public abstract class BenchSetup {
    /**
     * A root 4-level IOASID mapping {@code pages} 4 KiB pages from IOVA 0 to {@code hpaBase}
     * (1024-page map calls), with {@code device} registered and attached at PASID 0.
     */
    static void mapRoot(ControlPlane cp, long pages, long hpaBase, int device) {
        int root = ok(cp.alloc(AllocSpec.root(4)));
        for (long p = 0; p < pages; p += 1024) {
            long n = Math.min(1024, pages - p);
            ok(cp.map(root, p << 12, hpaBase + (p << 12), n << 12, Prot.RW, PageSize.SIZE_4K));
        }
        ok(cp.registerDevice(device));
        ok(cp.attach(device, 0, root));
    }

    /** The value of a control-plane result; a rejected operation is a broken benchmark setup. */
    static <T> T ok(Result<T> r) {
        if (!r.isOk()) {
            throw new IllegalStateException("control-plane operation rejected: " + r.error());
        }
        return r.value();
    }
}
