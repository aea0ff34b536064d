package org.iommusim.hw.iommu.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.random.Deterministic;
import org.iommusim.core.random.Distribution;
import org.iommusim.core.random.Exponential;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.random.Uniform;
import org.junit.jupiter.api.Test;

/** CostDraws: fixed costs without distributions (no streams); each drawn cost on its own stream. */
class CostDrawsTest {
    private static final long SEED = 3L;

    @Test
    void withoutDistributions_everyCostIsFixed_andNoStreamIsCreated() {
        CostModel c = CostModel.defaults();
        RandomStreams streams = new RandomStreams(SEED, 0);
        CostDraws d = new CostDraws(c, streams, "cp");
        assertThat(d.syscall()).isEqualTo(c.syscallPs());
        assertThat(d.trap()).isEqualTo(c.trapPs());
        assertThat(d.descriptors(3)).isEqualTo(3 * c.descriptorPs());
        assertThat(d.pageRequest()).isEqualTo(c.pageRequestPs());
        assertThat(d.shadowFault()).isEqualTo(c.shadowFaultPs());
        assertThat(streams.names()).isEmpty();
    }

    @Test
    void eachDrawnCost_comesFromItsOwnStream_andDescriptorsSumOneDrawEach() {
        CostModel c = CostModel.defaults().withDistributions(new CostDistributions(new Exponential(SimTime.US),
                new Deterministic(5 * SimTime.US), new Uniform(0, 200 * SimTime.NS), new Exponential(2 * SimTime.US),
                new Exponential(SimTime.US)));
        RandomStreams streams = new RandomStreams(SEED, 0);
        CostDraws d = new CostDraws(c, streams, "cp");
        RandomStreams twin = new RandomStreams(SEED, 0);
        Distribution syscall = twin.stream("cp.cost.syscall").exponential(SimTime.US);
        Distribution descriptor = twin.stream("cp.cost.descriptor").uniform(0, 200 * SimTime.NS);
        Distribution pageRequest = twin.stream("cp.cost.page-request").exponential(2 * SimTime.US);
        Distribution shadowFault = twin.stream("cp.cost.shadow-fault").exponential(SimTime.US);
        for (int i = 0; i < 100; i++) {
            assertThat(d.syscall()).as("seed %d draw %d", SEED, i).isEqualTo(syscall.sampleLong());
            assertThat(d.trap()).isEqualTo(5 * SimTime.US);
            assertThat(d.descriptors(3)).isEqualTo(descriptor.sampleLong() + descriptor.sampleLong()
                    + descriptor.sampleLong());
            assertThat(d.pageRequest()).isEqualTo(pageRequest.sampleLong());
            assertThat(d.shadowFault()).isEqualTo(shadowFault.sampleLong());
        }
        assertThat(streams.names()).containsExactly("cp.cost.descriptor", "cp.cost.page-request",
                "cp.cost.shadow-fault", "cp.cost.syscall", "cp.cost.trap");
        assertThat(CostDraws.fixed(c).syscall()).as("fixed() leaves the distributions aside").isEqualTo(c.syscallPs());
    }

    @Test
    void negativeSupport_isRefusedNamingTheCost() {
        assertThatThrownBy(() -> new CostDistributions(null, null, null, new Uniform(-1, 1), null))
                .hasMessageContaining("cost 'page-request' is a duration >= 0");
    }
}
