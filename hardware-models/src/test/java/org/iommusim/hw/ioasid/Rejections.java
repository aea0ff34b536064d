package org.iommusim.hw.ioasid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;

/** Runs an operation that must be rejected and checks the error and that nothing changed. */
final class Rejections {
    private Rejections() {
    }

    static OpError rejected(ControlPlane cp, Supplier<Result<?>> op, Errno errno, String... fragments) {
        long before = cp.fingerprint();
        Result<?> r = op.get();
        assertThat(r.isOk()).as("operation should be rejected").isFalse();
        assertThat(r.error().errno()).as("%s", r.error()).isEqualTo(errno);
        assertThat(r.error().message()).contains(fragments);
        assertThat(cp.fingerprint()).as("state after rejected %s", r.error()).isEqualTo(before);
        return r.error();
    }
}
