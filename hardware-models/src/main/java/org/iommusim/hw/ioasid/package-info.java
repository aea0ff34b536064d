/**
 * The IOASID control plane, mirroring Linux iommufd: a tree of I/O address spaces, each with
 * its own operation mode (map-unmap or bind-invalidate) and, for a child, its way of nesting
 * on the parent: a strategy from {@code hw.nesting} (hardware two-stage walk or software
 * shadow), whose hooks decide what the host does after each operation ({@code OpHost} turns their requests into this operation's effects). {@link
 * org.iommusim.hw.ioasid.ControlPlane} validates every operation fully before it changes
 * anything, returns rejections as {@link org.iommusim.hw.ioasid.Result} values with an
 * {@link org.iommusim.hw.ioasid.Errno}, and returns accepted operations' work as
 * {@link org.iommusim.hw.ioasid.Effects} (PTE writes, shadow syncs, cache invalidations) for
 * a timing model to charge — or, for a caller that runs operations by the hundred thousand,
 * leaves them in the caller's reusable {@link org.iommusim.hw.ioasid.EffectsBuilder} and returns
 * only the error, if any (no objects per operation). No simulated time here.
 */
package org.iommusim.hw.ioasid;
