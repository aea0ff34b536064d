/**
 * The event kernel: simulated time in picoseconds ({@link org.iommusim.core.kernel.SimTime}),
 * reusable events, the future-event set behind one small interface
 * ({@link org.iommusim.core.kernel.EventQueue}: a fast primitive-keyed heap by default, a
 * sorted list for cross-checking) and the {@link org.iommusim.core.kernel.Simulator} that
 * fires events in (time, priority, insertion) order.
 */
package org.iommusim.core.kernel;
