package org.iommusim.hw.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.hw.ioasid.InvalidateRequest;
import org.junit.jupiter.api.Test;

/** The memo of range requests hands out one request per slot while it matches, a new one otherwise. */
class RangeRequestsTest {
    @Test
    void sameSlotAndRange_getTheSameRequest() {
        RangeRequests r = new RangeRequests(8);
        InvalidateRequest.Range first = r.get(3, 0x3000, 0x1000, true);
        assertThat(first).isEqualTo(new InvalidateRequest.Range(0x3000, 0x1000, true));
        assertThat(r.get(3, 0x3000, 0x1000, true)).isSameAs(first);
        assertThat(r.get(4, 0x4000, 0x1000, true)).isNotSameAs(first);
    }

    @Test
    void changedRange_orLeafOnly_getsANewRequestWithItsOwnValues() {
        RangeRequests r = new RangeRequests(8);
        InvalidateRequest.Range first = r.get(3, 0x3000, 0x1000, true);
        assertThat(r.get(3, 0x3000, 0x1000, false)).isEqualTo(new InvalidateRequest.Range(0x3000, 0x1000, false));
        assertThat(r.get(3, 0x3000, 0x2000, false)).isEqualTo(new InvalidateRequest.Range(0x3000, 0x2000, false));
        assertThat(r.get(11, 0xB000, 0x1000, true)).as("slot 11 shares slot 3's place")
                .isEqualTo(new InvalidateRequest.Range(0xB000, 0x1000, true));
        assertThat(r.get(3, 0x3000, 0x1000, true)).isEqualTo(first).isNotSameAs(first);
    }

    @Test
    void manyRanges_areCapped_andNegativeSlotsFold() {
        RangeRequests r = new RangeRequests(1L << 40);
        long far = RangeRequests.MAX_CAPACITY + 5L;
        assertThat(r.get(far, far << 12, 4096, false).start()).isEqualTo(far << 12);
        assertThat(r.get(-1, 0, 4096, false)).isEqualTo(new InvalidateRequest.Range(0, 4096, false));
    }
}
