package org.iommusim.hw.ioasid;

import java.util.function.Supplier;
import org.iommusim.hw.physmem.PhysicalMemory;
import org.iommusim.hw.pagetable.LeafRef;
import org.iommusim.hw.pagetable.Pte;
import org.iommusim.hw.shadow.ChangeSet;
import org.iommusim.hw.shadow.SyncWork;

/**
 * The bind-invalidate side of the control plane: bind a guest root, invalidate (range,
 * PASID, all), guest memory reads and writes (plain memory accesses in the parent's input
 * space, no invalidation implied), and the lazy fill the data path asks for on a shadow miss.
 * What the host does on a bind, an invalidation or a lazy fill is the IOASID's nesting
 * strategy's ({@code NestedTables}): a hardware-nested IOASID's invalidation is passed through
 * to the IOMMU caches; a shadowed one makes the host re-walk the guest table over the range
 * (a PASID or full invalidation re-walks everything) and invalidate only the shadow entries
 * that changed.
 */
final class GuestOps {
    /** {@link #hostAddress}'s answer for a refused access (no host address is all ones). */
    static final long NO_ADDRESS = -1L;
    private static final Result<Effects> WRITTEN = Result.ok(Effects.NONE);

    private final PhysicalMemory hostMemory;
    private final Attachments attachments;
    private final Propagation propagation;
    private final ControlPlaneConfig config;

    GuestOps(PhysicalMemory hostMemory, Attachments attachments, Propagation propagation, ControlPlaneConfig config) {
        this.hostMemory = hostMemory;
        this.attachments = attachments;
        this.propagation = propagation;
        this.config = config;
    }

    /** Scratch of the guest invalidations (the operation's effects are copied out by {@link EffectsBuilder#build}). */
    private final EffectsBuilder effects = new EffectsBuilder();
    /** Scratch of the guest invalidations' request, read by the IOASID's nesting hook during the call. */
    private final OpHost.GuestRequest request = new OpHost.GuestRequest();
    /** Scratch of {@link #hostAddress}. */
    private final LeafRef leaf = new LeafRef();

    Result<Effects> bind(Ioasid x, int id, long root) {
        Supplier<String> where = () -> String.format("bind IOASID %d root GPA 0x%x", id, root);
        if (x == null) {
            return Result.err(OpError.of(Errno.ENOENT, "%s: no such IOASID", where.get()));
        }
        if (x.mode != Mode.BIND_INVALIDATE) {
            return Result.err(OpError.of(Errno.EINVAL, "%s: IOASID is map-unmap (rule: bind needs mode "
                    + "bind-invalidate)", where.get()));
        }
        if ((root & 0xFFF) != 0 || Long.compareUnsigned(root, 1L << Pte.PA_BITS) >= 0) {
            return Result.err(OpError.of(Errno.EINVAL, "%s: the root must be a 4 KiB aligned GPA below 2^%d "
                    + "(rule: root alignment)", where.get(), Pte.PA_BITS));
        }
        EffectsBuilder eb = new EffectsBuilder();
        x.counters.binds++;
        x.nested.bound(root, propagation.host(x, eb, ShadowSync.Cause.BIND, Invalidation.Cause.BIND));
        return Result.ok(eb.build());
    }

    Result<Effects> invalidate(Ioasid x, int id, InvalidateRequest req) {
        OpError e = invalidate(x, id, req, effects);
        return e == null ? Result.ok(effects.build()) : Result.err(e);
    }

    /** {@link #invalidate(Ioasid, int, InvalidateRequest)} into {@code eb} (cleared first); null if accepted, else why not. */
    OpError invalidate(Ioasid x, int id, InvalidateRequest req, EffectsBuilder eb) {
        eb.clear();
        if (x == null) {
            return OpError.of(Errno.ENOENT, "%s: no such IOASID", where(id, req));
        }
        OpError e = check(x, id, req);
        if (e != null) {
            return e;
        }
        long limit = 1L << Pte.tableShift(x.levels);
        long start = req instanceof InvalidateRequest.Range r ? r.start() : 0L;
        long end = req instanceof InvalidateRequest.Range r ? r.start() + r.length() : limit;
        // what the guest's own driver writes (its architecture's encoding), the wait not counted
        long descriptors = req instanceof InvalidateRequest.Range r
                ? config.guestCommands().count((end - start) >>> 12, r.leafOnly()) : 1;
        eb.userDescriptors = descriptors;
        x.counters.invalidations++;
        x.counters.userDescriptors += descriptors;
        x.nested.guestInvalidated(start, end, x.host.set(propagation, eb, ShadowSync.Cause.INVALIDATE,
                Invalidation.Cause.GUEST_REQUEST, request.set(id, req, start, end, descriptors)));
        return null;
    }

    private static String where(int id, InvalidateRequest req) {
        return String.format("invalidate IOASID %d %s", id, describe(req));
    }

    private static String describe(InvalidateRequest req) {
        if (req instanceof InvalidateRequest.Range r) {
            return MapOps.range(r.start(), r.length()) + (r.leafOnly() ? " leaf-only" : "");
        }
        return req instanceof InvalidateRequest.Pasid p ? "PASID " + p.pasid() : "all";
    }

    private OpError check(Ioasid x, int id, InvalidateRequest req) {
        if (x.mode != Mode.BIND_INVALIDATE) {
            return OpError.of(Errno.EINVAL, "%s: IOASID is map-unmap (rule: the kernel invalidates map-unmap "
                    + "IOASIDs itself; invalidate needs bind-invalidate)", where(id, req));
        }
        // the message's place, where(id, req), is formatted only when a check fails (no lambda per call)
        if (req instanceof InvalidateRequest.Range r) {
            if (r.length() == 0) {
                return OpError.of(Errno.EINVAL, "%s: zero length (rule: length must be positive)", where(id, req));
            }
            if (MapOps.overflows(r.start(), r.length())) {
                return OpError.of(Errno.EOVERFLOW, "%s: address + length overflows 64 bits", where(id, req));
            }
            if (((r.start() | r.length()) & 0xFFF) != 0) {
                return OpError.of(Errno.EINVAL, "%s: start and length must be 4 KiB aligned (rule: alignment)",
                        where(id, req));
            }
            if (Long.compareUnsigned(r.start() + r.length(), 1L << Pte.tableShift(x.levels)) > 0) {
                return OpError.of(Errno.EINVAL, "%s: beyond the %d-bit input range (rule: input range)",
                        where(id, req), Pte.tableShift(x.levels));
            }
        } else if (req instanceof InvalidateRequest.Pasid p && !attachments.pasidUses(x, p.pasid())) {
            return OpError.of(Errno.EINVAL, "%s: PASID %d is not attached to IOASID %d (rule: PASID scope)",
                    where(id, req), p.pasid(), x.id);
        }
        return null;
    }

    /** Validates a guest memory access and returns the host address, or the error. */
    Result<Long> guestAddress(Ioasid x, int id, long gpa, String op) {
        long hpa = hostAddress(x, gpa);
        return hpa != NO_ADDRESS ? Result.ok(hpa) : Result.err(accessError(x, id, gpa, op));
    }

    /**
     * The host address of a guest memory access at {@code gpa}, or {@link #NO_ADDRESS} if the
     * access is refused ({@link #accessError} says why). No allocation: the guest-table paths
     * (shadow syncs, the guest's own table edits) call it per PTE.
     */
    long hostAddress(Ioasid x, long gpa) {
        if (x == null || x.mode != Mode.BIND_INVALIDATE || (gpa & 7) != 0 || !x.parent.lookupSingleStage(gpa, leaf)) {
            return NO_ADDRESS;
        }
        return leaf.output(gpa);
    }

    /** Why {@link #hostAddress} refused the access. */
    OpError accessError(Ioasid x, int id, long gpa, String op) {
        String where = String.format("guest %s for IOASID %d at GPA 0x%x", op, id, gpa);
        if (x == null) {
            return OpError.of(Errno.ENOENT, "%s: no such IOASID", where);
        }
        if (x.mode != Mode.BIND_INVALIDATE) {
            return OpError.of(Errno.EINVAL, "%s: the IOASID's table is kernel-owned "
                    + "(rule: guest memory is the input space of a bind-invalidate IOASID's parent)", where);
        }
        if ((gpa & 7) != 0) {
            return OpError.of(Errno.EINVAL, "%s: not 8-byte aligned (rule: PTE alignment)", where);
        }
        return OpError.of(Errno.EFAULT, "%s: parent IOASID %d does not map it (rule: guest memory "
                + "must be mapped by the parent)", where, x.parent.id);
    }

    Result<Effects> write(Ioasid x, int id, long gpa, long value) {
        long hpa = hostAddress(x, gpa);
        if (hpa == NO_ADDRESS) {
            return Result.err(accessError(x, id, gpa, "write"));
        }
        hostMemory.write(hpa, value);
        x.counters.guestWrites++;
        return WRITTEN;
    }

    /**
     * {@code count} guest writes of {@code values[from, from + count)} to the consecutive words
     * from {@code gpa}, all in {@code gpa}'s 4 KiB page: what {@code count} calls of {@link #write}
     * do (the same memory, the same count of guest writes) with one translation, since the parent
     * maps whole aligned 4 KiB pages (leaves and apertures are 4 KiB aligned) and so translates
     * every word of a page or none. Null if written, else the error of the first word (nothing
     * written, as {@link #write} would have failed at that word).
     */
    OpError writeWords(Ioasid x, int id, long gpa, long[] values, int from, int count) {
        if (count < 0 || (gpa & 0xFFF) + 8L * count > 4096 || from < 0 || from + count > values.length) {
            throw new IllegalArgumentException(String.format("%d words from GPA 0x%x leave its 4 KiB page or the array",
                    count, gpa));
        }
        if (count == 0) {
            return null;
        }
        long hpa = hostAddress(x, gpa);
        if (hpa == NO_ADDRESS) {
            return accessError(x, id, gpa, "write");
        }
        for (int i = 0; i < count; i++) {
            hostMemory.write(hpa + 8L * i, values[from + i]);
        }
        x.counters.guestWrites += count;
        return null;
    }

    /**
     * A shadow miss on {@code x} at {@code addr}: the host walks the guest table for that
     * address; if the guest and the parent translate it, the host syncs the guest leaf into
     * the shadow. Returns the work (a walk that finds nothing is reported with its reads only).
     */
    Effects lazyFill(Ioasid x, long addr, HostResolver resolver) {
        if (!x.nesting.capabilities().shadowPolicies() || !x.lazyFill) {
            throw new IllegalArgumentException("IOASID " + x.id + " has no lazily filled shadow");
        }
        EffectsBuilder eb = new EffectsBuilder();
        Resolution probe = new Resolution();
        if (!resolver.classify(x, addr, 0, probe)) {
            eb.sync(x.id, ShadowSync.Cause.LAZY_FILL, probe.guestPtesRead, 0, 0, 0, 0, 0, 0);
            x.counters.sync(probe.guestPtesRead, 0, 0, 0);
            return eb.build();
        }
        long page = addr & ~0xFFFL;
        SyncWork w = new SyncWork();
        w.guestPtesRead += probe.guestPtesRead;
        x.counters.lazyFills++;
        x.nested.lazyFill(page, w, propagation.host(x, eb, ShadowSync.Cause.LAZY_FILL, null));
        return eb.build();
    }
}
