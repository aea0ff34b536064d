package org.iommusim.hw.pagetable;

/** Why a translation failed. The stage that failed is reported next to the reason. */
public enum FaultReason {
    /** An entry on the walk (table pointer or leaf) is not present. */
    NOT_PRESENT,
    /** The effective permissions do not allow the access. */
    PERMISSION,
    /** The input address lies outside the IOASID's aperture. */
    OUT_OF_RANGE,
    /** No IOASID is attached for the requesting device and PASID. */
    NO_ATTACHMENT
}
