package org.iommusim.hw.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A {@link SlotListener} hears every slot an insert fills and every slot an eviction or invalidation empties. */
class SlotListenerTest {
    @Test
    void slotListener_hearsFillsUpdatesEvictionsAndInvalidations_bySlot() {
        SetAssociativeCache c = new SetAssociativeCache(CacheConfig.of(2, 2, "lru"), null, CacheStats.standalone("t"));
        List<String> seen = new ArrayList<>();
        c.setSlotListener(new SlotListener() {
            @Override
            public void filled(int slot) {
                seen.add("f" + slot);
            }

            @Override
            public void emptied(int slot) {
                seen.add("e" + slot);
            }
        });
        c.insert(0, 1, 0);
        c.insert(0, 2, 0);
        c.insert(0, 2, 9); // update in place
        c.insert(0, 3, 0); // evicts 1 (LRU) from slot 0
        int three = c.probe(0, 3);
        c.invalidate(0, 2);
        c.invalidateAll();
        assertThat(three).isZero();
        assertThat(seen).containsExactly("f0", "f1", "f1", "e0", "f0", "e1", "e0");
    }
}
