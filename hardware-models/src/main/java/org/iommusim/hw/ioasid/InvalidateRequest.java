package org.iommusim.hw.ioasid;

/** What a user of a bind-invalidate IOASID asks to invalidate. */
public sealed interface InvalidateRequest {
    /** {@code [start, start + length)} of the IOASID's input space; {@code leafOnly}: table entries unchanged. */
    record Range(long start, long length, boolean leafOnly) implements InvalidateRequest {
    }

    /** Everything cached for one PASID attached to the IOASID. */
    record Pasid(int pasid) implements InvalidateRequest {
    }

    /** Everything cached for the IOASID. */
    record All() implements InvalidateRequest {
    }
}
