package org.iommusim.hw.pagetable;

/** Protection of a mapping: which accesses a device may make through it. */
public record Prot(boolean read, boolean write) {
    public static final Prot R = new Prot(true, false);
    public static final Prot W = new Prot(false, true);
    public static final Prot RW = new Prot(true, true);
    public static final Prot NONE = new Prot(false, false);

    /** The permission mask ({@link Pte#READ} | {@link Pte#WRITE}) of this protection. */
    public int mask() {
        return (read ? (int) Pte.READ : 0) | (write ? (int) Pte.WRITE : 0);
    }

    /** The protection whose mask is {@code mask}. */
    public static Prot ofMask(int mask) {
        return new Prot((mask & Pte.READ) != 0, (mask & Pte.WRITE) != 0);
    }

    @Override
    public String toString() {
        return (read ? "r" : "-") + (write ? "w" : "-");
    }
}
