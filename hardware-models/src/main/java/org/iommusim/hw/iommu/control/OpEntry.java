package org.iommusim.hw.iommu.control;

import org.iommusim.hw.ioasid.EffectsBuilder;
import org.iommusim.hw.iommu.control.HostEvents.Category;

/**
 * What a {@link ControlOp}'s entry and work cost, item by item, charged where they fall
 * (issue 16) and counted in {@link HostEvents}:
 * <ul>
 *   <li>a guest's call, by {@link ViommuMode}: a VM exit ({@code trap}), an exit to user space
 *       with its {@code KVM_RUN} re-entry ({@code exitToUser}), an iommufd ioctl
 *       ({@code syscall}) — whichever the mode has;</li>
 *   <li>a host call, by {@link HostPath}: {@code vfio} an ioctl; {@code dma-api} a function call
 *       plus the IOVA allocation of a map (rcache hit or slow path, {@link IovaAllocator}) or the
 *       free of an unmap (a lazy unmap pays it now but its IOVA reaches the rcache only when
 *       the flush queue has drained, as Linux's {@code fq_ring_free} frees it); {@code static} a function call; {@code identity} nothing. Operations
 *       other than map and unmap are iommufd ioctls on every path;</li>
 *   <li>an interrupt (a page request, a lazy shadow fill) or a driver's per-packet work: its
 *       fixed entry cost;</li>
 *   <li>the work: page-table reads and writes, per-page pinning on pinning paths (VFIO, a
 *       virtio-iommu guest's requests; pages faulted in by interrupt work), shadow
 *       maintenance, invalidation descriptors.</li>
 * </ul>
 */
final class OpEntry {
    private OpEntry() {
    }

    /** The entry's time; charges and counts it. */
    static long entryPs(ControlOp o) {
        TimedControlPlane t = o.tcp;
        HostEvents ev = t.events;
        PathConfig p = t.cores.paths();
        switch (o.entry) {
            case INTERRUPT -> {
                ev.interrupts.increment();
                return o.charge(Category.INTERRUPT, o.entryPs);
            }
            case DRIVER -> {
                ev.packets.increment();
                return o.charge(Category.DRIVER, o.entryPs);
            }
            default -> { }
        }
        if (o.guest) {
            ViommuMode m = p.viommu();
            long ps = 0;
            if (m.exits()) {
                ev.exit(m == ViommuMode.VIRTIO_IOMMU ? HostEvents.ExitReason.VIRTIO_KICK
                        : HostEvents.ExitReason.IOMMU_ACCESS);
                ps += o.charge(Category.VM_EXIT, t.draws.trap());
            }
            if (m.userSpace()) {
                ev.exitsToUser.increment();
                ev.ioctlsKvmRun.increment();
                ev.syscalls.increment();
                ps += o.charge(Category.EXIT_TO_USER, p.exitToUserPs());
            }
            if (m.ioctl()) {
                ps += ioctl(o);
            }
            return ps;
        }
        boolean mapOrUnmap = o.kind == OpStats.Kind.MAP || o.kind == OpStats.Kind.UNMAP;
        if (!mapOrUnmap || o.path == HostPath.VFIO) {
            return ioctl(o);
        }
        if (o.path == HostPath.IDENTITY) {
            return 0;
        }
        ev.dmaApiCalls.increment();
        long ps = o.charge(Category.DMA_API, p.dmaCallPs());
        if (o.path == HostPath.DMA_API && o.onCore()) {
            if (o.kind == OpStats.Kind.MAP) {
                ev.iovaAllocs.increment();
                if (t.iova.alloc(o.core, o.pages)) {
                    ps += o.charge(Category.IOVA, p.iovaAllocPs());
                } else {
                    ev.iovaSlowPaths.increment();
                    ps += o.charge(Category.IOVA, p.iovaSlowPathPs());
                }
            } else {
                if (!o.deferred()) { // a lazy unmap's IOVA is freed when the flush queue has drained (ControlOp)
                    t.iova.free(o.core, o.pages);
                }
                ps += o.charge(Category.IOVA, p.iovaAllocPs());
            }
        }
        return ps;
    }

    private static long ioctl(ControlOp o) {
        o.tcp.events.ioctlsIommufd.increment();
        o.tcp.events.syscalls.increment();
        return o.charge(Category.SYSCALL, o.tcp.draws.syscall());
    }

    /** Whether the operation's mapped pages are pinned (priced per page). */
    private static boolean pins(ControlOp o) {
        if (o.entry == ControlOp.Entry.INTERRUPT) {
            return true; // pages faulted in by the handler: priced as map pages, not counted as pinned
        }
        return o.guest ? o.tcp.cores.paths().viommu() == ViommuMode.VIRTIO_IOMMU : o.path.pins();
    }

    /** The work's time for {@code e} with {@code descriptors} invalidation descriptors; charges it. */
    static long workPs(ControlOp o, EffectsBuilder e, long descriptors) {
        CostModel c = o.tcp.costs;
        long ps = o.charge(Category.PAGE_TABLE, Math.addExact(Math.multiplyExact(e.ptesRead(), c.pteReadPs()),
                Math.multiplyExact(e.ptesWritten(), c.pteWritePs())));
        if (pins(o)) {
            long mapped = e.bytesMapped() >>> 12;
            if (o.entry == ControlOp.Entry.CALL) {
                o.tcp.events.pagesPinned.add(mapped);
            }
            ps += o.charge(Category.PINNING, Math.addExact(Math.multiplyExact(mapped, c.mapPagePs()),
                    Math.multiplyExact(e.bytesUnmapped() >>> 12, c.unmapPagePs())));
        }
        long shadow = Math.multiplyExact(e.rmapEntriesTouched(), c.rmapEntryPs());
        shadow = Math.addExact(shadow, Math.multiplyExact(e.shadowPtesWritten(), c.shadowWritePs()));
        shadow = Math.addExact(shadow, Math.multiplyExact(e.guestPtesRead(), c.guestReadPs()));
        ps += o.charge(Category.SHADOW, shadow);
        ps += o.charge(Category.DESCRIPTORS, o.tcp.draws.descriptors(descriptors));
        return ps;
    }
}
