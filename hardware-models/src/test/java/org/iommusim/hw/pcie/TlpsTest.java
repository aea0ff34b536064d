package org.iommusim.hw.pcie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** TLP splitting on hand examples: aligned blocks touched, never crossing an aligned boundary. */
class TlpsTest {
    @Test
    void alignedPage_splitsIntoPageOverUnit() {
        assertThat(Tlps.count(0, 4096, 256)).isEqualTo(16);
        assertThat(Tlps.count(0x1000, 4096, 512)).isEqualTo(8);
        assertThat(Tlps.count(0, 4096, 4096)).isEqualTo(1);
    }

    @Test
    void unalignedRange_needsOneMoreTlp() {
        assertThat(Tlps.count(100, 256, 256)).as("[100, 356) touches blocks 0 and 1").isEqualTo(2);
        assertThat(Tlps.count(4000, 200, 128)).as("[4000, 4096) and [4096, 4200): split at the page boundary").isEqualTo(2);
        assertThat(Tlps.count(4000, 300, 128)).as("blocks 31, 32, 33").isEqualTo(3);
        assertThat(Tlps.count(255, 1, 256)).isEqualTo(1);
    }

    @Test
    void wireBytes_addOneOverheadPerTlp() {
        assertThat(Tlps.payloadWireBytes(0, 1500, 256, 24)).isEqualTo(1500 + 6 * 24);
        assertThat(Tlps.readRequestWireBytes(0, 4096, 512, 24)).isEqualTo(8 * 24);
    }

    @Test
    void config_rejectsNonPowerOfTwoPayload() {
        assertThatThrownBy(() -> LinkConfig.defaults().withSizes(300, 512, 256))
                .hasMessageContaining("maxPayloadBytes");
        assertThatThrownBy(() -> LinkConfig.defaults().withLink(PcieGeneration.GEN3, 3)).hasMessageContaining("x3");
        assertThatThrownBy(() -> LinkConfig.defaults().withSizes(128, 512, 256))
                .hasMessageContaining("at most MPS (128)");
    }
}
