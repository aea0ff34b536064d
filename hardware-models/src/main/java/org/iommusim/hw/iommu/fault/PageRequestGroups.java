package org.iommusim.hw.iommu.fault;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.IoasidView;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;

/**
 * The device side of PCIe PRI: page request groups. A DMA whose ATS translations fail (the
 * IOMMU answers "no translation") does not send one page request per failure: it waits until
 * every translation of the DMA has returned, then sends the distinct 4 KiB pages that failed as
 * ONE page request group (shared PRG index, Last on the final request) and, at the group's
 * response, retries the translations of all of them. Each PRI device may have at most
 * {@link PriConfig#outstandingRequests()} page requests outstanding (the Outstanding Page
 * Request Allocation the OS writes into its PRI capability): a group with more pages than the
 * device has free goes out in parts of what is free (each its own group with its own Last), the
 * rest when responses return allocation, in order of the DMAs. A DMA asks at most
 * {@link PageRequestHandler#maxAttempts()} times; a failure the handler does not take as
 * recoverable, or one after the last attempt, aborts the DMA.
 *
 * <p>One {@link Group} per DMA slot of a device ({@link #group}), reused DMA after DMA. Does not
 * model: Stop PASID markers, per-page response codes, the requester's own PRG-index space (511
 * indexes; never binding with the allocation in front of it).
 *
 * <p>Statistics under {@code prefix}: {@code allocation-waits} (groups that waited for the
 * device's outstanding-request allocation) and {@code retries} (translations retried after a
 * group response).
 */
public final class PageRequestGroups {
    /** A DMA that waits on its group: the address of a failed TLP and its retry. */
    public interface Requester {
        /** The address TLP {@code tlp} of the DMA translates. */
        long address(long tlp);

        /** The group was answered: translate TLP {@code tlp} again. */
        void retry(long tlp);
    }

    private final PageRequestPath path;
    private final ControlPlane controlPlane;
    private final PageRequestHandler handler;
    private final int allocation;
    private final Map<Integer, Allocation> devices = new HashMap<>();
    private final Counter allocationWaits;
    private final Counter retries;
    private Part[] parts = new Part[8];
    private int pooledParts;

    public PageRequestGroups(PageRequestPath path, ControlPlane controlPlane, PageRequestHandler handler,
                             PriConfig config, StatsRegistry stats, String prefix) {
        if (path == null || handler == null) {
            throw new IllegalArgumentException("page request groups need a page request path and a handler");
        }
        this.path = path;
        this.controlPlane = controlPlane;
        this.handler = handler;
        this.allocation = config.outstandingRequests();
        allocationWaits = stats.counter(prefix + ".allocation-waits", "groups",
                "page request groups that waited for their device's outstanding page request allocation");
        retries = stats.counter(prefix + ".retries", "translations",
                "translations a device retried after its page request group was answered");
        path.setResolver(this::resolve);
    }

    /** Whether this failure is one the device asks for (the handler takes it as recoverable). */
    boolean recoverable(int device, int pasid, FaultReason reason, int stage) {
        return handler.recoverable(device, pasid, ioasid(device, pasid), reason, stage);
    }

    /** The group state of one DMA of {@code device}, which {@code owner} drives. */
    public Group group(int device, Requester owner) {
        return new Group(devices.computeIfAbsent(device, d -> new Allocation(allocation)), device, owner);
    }

    /** Host software handles a queued group: the handler maps its pages and writes its response. */
    private void resolve(PageGroup g) {
        handler.handle(ioasid(g.device(), g.pasid()), g);
    }

    private int ioasid(int device, int pasid) {
        IoasidView x = controlPlane.attached(device, pasid);
        return x == null ? -1 : x.id();
    }

    /** One device's outstanding page request allocation and the groups waiting for it, in order. */
    private final class Allocation {
        int free;
        final ArrayDeque<Group> waiting = new ArrayDeque<>();

        Allocation(int free) {
            this.free = free;
        }

        /** Sends the waiting groups' pages while allocation is free, oldest group first. */
        void pump() {
            while (free > 0 && !waiting.isEmpty()) {
                Group g = waiting.peek();
                int n = Math.min(free, g.pageCount - g.sent);
                free -= n;
                Part p = pooledParts == 0 ? new Part() : parts[--pooledParts];
                p.set(g, g.sent, n);
                g.sent += n;
                if (g.sent == g.pageCount) {
                    waiting.poll();
                }
                path.submit(p);
            }
            if (!waiting.isEmpty() && !waiting.peek().waited) {
                waiting.peek().waited = true;
                allocationWaits.increment();
            }
        }
    }

    /** The pages of one DMA that failed translation, and its page request rounds. */
    public final class Group {
        private final Allocation alloc;
        private final int device;
        private final Requester owner;
        private long[] tlps = new long[4];
        private long[] retrying = new long[4];
        private long[] pages = new long[4];
        private int tlpCount;
        private int pageCount;
        private int sent;
        private int answered;
        private int attempts;
        private int pasid;
        private Access access;
        private boolean waited;

        private Group(Allocation alloc, int device, Requester owner) {
            this.alloc = alloc;
            this.device = device;
            this.owner = owner;
        }

        /** A new DMA: no page requests asked yet. */
        public void reset() {
            attempts = 0;
            tlpCount = 0;
            pageCount = 0;
        }

        /**
         * TLP {@code tlp} of the DMA failed translation with {@code reason} at {@code stage}: it
         * joins the DMA's next group (true) unless the fault is not recoverable or the DMA has
         * used its attempts (false: it aborts the DMA).
         */
        public boolean park(long tlp, int pas, Access acc, FaultReason reason, int stage) {
            if (attempts >= handler.maxAttempts() || !recoverable(device, pas, reason, stage)) {
                return false;
            }
            pasid = pas;
            access = acc;
            if (tlpCount == tlps.length) {
                tlps = Arrays.copyOf(tlps, tlpCount * 2);
            }
            tlps[tlpCount++] = tlp;
            long page = owner.address(tlp) & -4096L;
            for (int i = pageCount - 1; i >= 0; i--) {
                if (pages[i] == page) {
                    return true;
                }
            }
            if (pageCount == pages.length) {
                pages = Arrays.copyOf(pages, pageCount * 2);
            }
            pages[pageCount++] = page;
            return true;
        }

        /**
         * Every translation of the DMA has returned: sends the parked pages as a group (true: the
         * DMA waits for the response, which retries them) or, with none parked, does nothing.
         */
        public boolean send() {
            if (tlpCount == 0) {
                return false;
            }
            attempts++;
            sent = 0;
            answered = 0;
            waited = false;
            alloc.waiting.add(this);
            alloc.pump();
            return true;
        }

        /** Part {@code n} pages of this group were answered; after the last, the DMA retries. */
        private void partAnswered(int n) {
            answered += n;
            alloc.free += n;
            alloc.pump();
            if (answered < pageCount) {
                return;
            }
            int count = tlpCount;
            long[] again = tlps;
            tlps = retrying;
            retrying = again;
            tlpCount = 0;
            pageCount = 0;
            retries.add(count);
            for (int i = 0; i < count; i++) {
                owner.retry(again[i]);
            }
        }
    }

    /** The pages of a group sent as one PCIe page request group (all of it, or what the allocation allowed). */
    private final class Part implements PageGroup {
        private Group group;
        private int from;
        private int size;

        void set(Group g, int first, int n) {
            group = g;
            from = first;
            size = n;
        }

        @Override
        public int device() {
            return group.device;
        }

        @Override
        public int pasid() {
            return group.pasid;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public long page(int i) {
            return group.pages[from + i];
        }

        @Override
        public Access access() {
            return group.access;
        }

        @Override
        public void answered(boolean automatic, long latencyPs) {
            Group g = group;
            int n = size;
            group = null;
            if (pooledParts == parts.length) {
                parts = Arrays.copyOf(parts, pooledParts * 2);
            }
            parts[pooledParts++] = this;
            g.partAnswered(n);
        }
    }
}
