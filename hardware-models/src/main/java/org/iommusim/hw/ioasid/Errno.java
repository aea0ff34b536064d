package org.iommusim.hw.ioasid;

/** Why the control plane rejected an operation (Linux errno names, iommufd meanings). */
public enum Errno {
    /** The range overlaps an existing mapping, or the object already exists. */
    EEXIST,
    /** An argument breaks a rule: mode, alignment, zero length, aperture, levels, nesting. */
    EINVAL,
    /** No such IOASID or attachment; nothing mapped in the range; the unmap would split a mapping. */
    ENOENT,
    /** Address arithmetic overflows 64 bits. */
    EOVERFLOW,
    /** The object is in use: devices attached, children exist, PASID already bound. */
    EBUSY,
    /** No such device. */
    ENODEV,
    /** The host page-table pool cannot hold the tables the operation needs. */
    ENOMEM,
    /** A guest-physical address the parent does not map. */
    EFAULT
}
