/**
 * Contended resources with the statistics queueing theory talks about: a FIFO server with k
 * identical slots and a bounded waiting room ({@link org.iommusim.core.resource.FifoServer} —
 * page-walker slots, CPU cores) and a bounded FIFO queue on its own
 * ({@link org.iommusim.core.resource.BoundedQueue} — invalidation and fault queues). Both count
 * arrivals and rejections, keep time-weighted occupancy and waiting-time statistics in a
 * {@link org.iommusim.core.stats.StatsRegistry}, and expose a
 * {@link org.iommusim.core.resource.LittleLaw} view for checking L = λW.
 *
 * <p>Requesters are callbacks, and waiting requests sit in ring buffers of primitive arrival
 * times, so nothing is allocated per request in steady state.
 */
package org.iommusim.core.resource;
