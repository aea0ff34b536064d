/**
 * Translation-cache structures and their replacement policies, in one vocabulary
 * ({@link org.iommusim.hw.cache.CacheConfig}: entries, assoc (0 = fully associative), policy,
 * enabled, latency).
 *
 * <ul>
 *   <li>{@link org.iommusim.hw.cache.SetAssociativeCache}: the generic structure. An entry's key
 *       is two 64-bit words, an opaque <em>context</em> (domain, PASID, stage, level, page size…
 *       packed by the user) and a <em>tag</em> (a page number or address prefix whose low bits
 *       select the set); its value is one 64-bit payload. Allocation-free lookup and insert;
 *       invalidation by exact key, by context mask, by context mask plus tag range, by
 *       predicate, or all. Its entries, free ways, hash index and listeners live in the
 *       package's {@code CacheSlots}.</li>
 *   <li>{@link org.iommusim.hw.cache.ReplacementPolicy} and the registry
 *       {@link org.iommusim.hw.cache.ReplacementPolicies}: {@code lru}, {@code tree-plru},
 *       {@code fifo}, {@code random} (seeded by the caller), {@code round-robin}.</li>
 *   <li>{@link org.iommusim.hw.cache.Iotlb}: tags (domain, PASID, page number, page size
 *       4 KiB / 2 MiB / 1 GiB) with range / PASID / domain / global invalidation. Also serves
 *       as a device ATC (one domain per device).</li>
 *   <li>{@link org.iommusim.hw.cache.PagingStructureCache}: (domain, stage, level, input-address
 *       prefix) to next-table address. A split walk cache is several instances.</li>
 *   <li>The nested TLB (domain, GPA page) to HPA page and the context/PASID cache
 *       (requester id, PASID) to an IOASID handle use {@link org.iommusim.hw.cache.SetAssociativeCache}
 *       directly.</li>
 * </ul>
 *
 * <p>Nothing here models time: {@link org.iommusim.hw.cache.CacheConfig#latencyPs()} is a
 * number the timing model charges per lookup. Nothing here is thread-safe: one cache belongs
 * to one single-threaded run.
 */
package org.iommusim.hw.cache;
