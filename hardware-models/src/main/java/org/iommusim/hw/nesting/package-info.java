/**
 * Nesting as an extension point: how a child IOASID is composed with its parent. Each
 * {@link org.iommusim.hw.nesting.NestingStrategy} owns its walk shape (what the hardware
 * walks), the host-side maintenance of its tables ({@link org.iommusim.hw.nesting.NestedTables}:
 * what the host does on a map or unmap of the IOASID's own table, on a change of the parent,
 * on a guest bind, invalidation or lazy fill), how its faults are classified, and the
 * {@link org.iommusim.hw.nesting.Capabilities} that allocation checks. {@link
 * org.iommusim.hw.nesting.Nesting} is the registry: the one list of strategies, by config
 * name. A hook asks the host for invalidations and propagation through {@link
 * org.iommusim.hw.nesting.HostActions}, so this package does not depend on the control plane
 * ({@code hw.ioasid}) that calls it.
 */
package org.iommusim.hw.nesting;
