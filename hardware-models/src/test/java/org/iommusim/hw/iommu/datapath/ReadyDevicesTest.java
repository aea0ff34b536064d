package org.iommusim.hw.iommu.datapath;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The admission index: against a sorted map as the reference, under seeded random adds,
 * key updates (to a later arrival) and removals, {@link ReadyDevices#first} is always the device
 * whose oldest waiting request arrived first.
 */
class ReadyDevicesTest {
    @Test
    void first_isTheDeviceWithTheOldestWaitingRequest_randomOperations() {
        long seed = 20261205L;
        Random rnd = new Random(seed);
        ReadyDevices heap = new ReadyDevices();
        TreeMap<Long, Integer> reference = new TreeMap<>();
        long[] keyOf = new long[300];
        long next = 0;
        for (int op = 0; op < 100_000; op++) {
            int device = rnd.nextInt(300);
            if (!heap.contains(device)) {
                keyOf[device] = next++;
                heap.add(device, keyOf[device]);
                reference.put(keyOf[device], device);
            } else if (rnd.nextBoolean()) {
                reference.remove(keyOf[device]);
                keyOf[device] = next++;
                heap.update(device, keyOf[device]);
                reference.put(keyOf[device], device);
            } else {
                reference.remove(keyOf[device]);
                heap.remove(device);
            }
            assertThat(heap.isEmpty()).as("seed %d op %d", seed, op).isEqualTo(reference.isEmpty());
            if (!reference.isEmpty()) {
                assertThat(heap.first()).as("seed %d op %d", seed, op).isEqualTo(reference.firstEntry().getValue());
            }
        }
    }
}
