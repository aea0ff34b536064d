/**
 * What a hardware page walk reports: the {@link org.iommusim.hw.walk.WalkTrace} of PTE reads
 * (IOASID, table kind, stage, level, input address, PTE address and value), recorded into
 * reusable primitive arrays so the data path never allocates, and the
 * {@link org.iommusim.hw.walk.TableKind} of each table read. A timing model replays a trace
 * read by read to look up walk caches and charge memory latency.
 */
package org.iommusim.hw.walk;
