package org.iommusim.hw.ioasid;

import it.unimi.dsi.fastutil.HashCommon;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.longs.Long2ObjectMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;

/**
 * Models the registered devices and which IOASID each (device, PASID) uses. Does not model
 * the IOMMU's context or PASID-table caches (a memo of recent lookups is a host speed-up only).
 */
final class Attachments {
    /** PASIDs are 20 bits wide. */
    static final int PASID_LIMIT = 1 << 20;

    private static final int MEMO = 64;

    private final IntOpenHashSet devices = new IntOpenHashSet();
    private final Long2ObjectOpenHashMap<Ioasid> byKey = new Long2ObjectOpenHashMap<>();
    // Direct-mapped memo of recent lookups (a host-side speed-up); cleared on every change.
    private final long[] memoKey = new long[MEMO];
    private final Ioasid[] memoValue = new Ioasid[MEMO];

    Attachments() {
        java.util.Arrays.fill(memoKey, -1L);
    }

    static long key(int device, int pasid) {
        return ((long) device << 20) | pasid;
    }

    boolean hasDevice(int device) {
        return devices.contains(device);
    }

    void addDevice(int device) {
        devices.add(device);
    }

    /** The IOASID used by (device, pasid), or null. Hot path: one hash lookup. */
    Ioasid get(int device, int pasid) {
        if (pasid < 0 || pasid >= PASID_LIMIT) {
            return null;
        }
        long key = key(device, pasid);
        int slot = (int) (key ^ (key >>> 20)) & (MEMO - 1);
        if (memoKey[slot] == key) {
            return memoValue[slot];
        }
        Ioasid x = byKey.get(key);
        memoKey[slot] = key;
        memoValue[slot] = x;
        return x;
    }

    private void forgetMemo() {
        java.util.Arrays.fill(memoKey, -1L);
        java.util.Arrays.fill(memoValue, null);
    }

    void put(int device, int pasid, Ioasid x) {
        byKey.put(key(device, pasid), x);
        x.attachments++;
        forgetMemo();
    }

    Ioasid remove(int device, int pasid) {
        Ioasid x = byKey.remove(key(device, pasid));
        x.attachments--;
        forgetMemo();
        return x;
    }

    /** True if some device uses {@code pasid} with IOASID {@code x}. */
    boolean pasidUses(Ioasid x, int pasid) {
        for (Long2ObjectMap.Entry<Ioasid> e : byKey.long2ObjectEntrySet()) {
            if (e.getValue() == x && (e.getLongKey() & (PASID_LIMIT - 1)) == pasid) {
                return true;
            }
        }
        return false;
    }

    long fingerprint() {
        long h = 0;
        for (int d : devices) {
            h += HashCommon.murmurHash3(d + 0x5555L);
        }
        for (Long2ObjectMap.Entry<Ioasid> e : byKey.long2ObjectEntrySet()) {
            h += HashCommon.murmurHash3(e.getLongKey() * 0x9E3779B97F4A7C15L + e.getValue().id);
        }
        return h;
    }
}
