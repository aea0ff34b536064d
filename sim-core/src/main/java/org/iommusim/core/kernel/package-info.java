/**
 * The event kernel: simulated time in picoseconds ({@link org.iommusim.core.kernel.SimTime}),
 * reusable events, the future-event set behind one small interface
 * ({@link org.iommusim.core.kernel.EventQueue}: by default a
 * {@link org.iommusim.core.kernel.LadderEventQueue}, a primitive-keyed heap that turns into a
 * ladder queue at large populations; the plain {@link org.iommusim.core.kernel.HeapEventQueue};
 * a sorted list for cross-checking) and the {@link org.iommusim.core.kernel.Simulator} that
 * fires events in (time, priority, insertion) order; an
 * {@link org.iommusim.core.kernel.InstantBatch} fires a run of zero-delay events from one kernel
 * event, each in the place its own event would have had, and a
 * {@link org.iommusim.core.kernel.TimeBatch} does the same for events one source schedules in time
 * order (those of one future instant fire from one kernel event).
 */
package org.iommusim.core.kernel;
