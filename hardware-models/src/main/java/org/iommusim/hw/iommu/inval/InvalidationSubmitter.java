package org.iommusim.hw.iommu.inval;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayDeque;
import java.util.List;
import org.iommusim.hw.ioasid.Invalidation;
import org.iommusim.hw.iommu.ats.DeviceAtcs;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.pagetable.RangeSplitter;

/**
 * Turns the control plane's {@link Invalidation}s into invalidation-queue descriptors: a RANGE
 * into aligned power-of-two page-range descriptors (split at the queue's limit, leaf-only hint
 * kept), a PASID scope into a PASID descriptor, ALL into a domain descriptor (counted as a
 * parent-change flush when that is its cause); a RANGE also gets, per ATS device, device-ATC
 * descriptors for the same pages after the IOTLB's, and a PASID or domain descriptor one
 * whole-PASID device-ATC descriptor per ATS (device, PASID) of the domain (see
 * {@code DeviceAtcs}, {@link AtcRoundTrips}). An optional wait descriptor ends the batch and runs a continuation when
 * it completes. Batches are pooled; a blocked submitter (full queue) simply waits, as the queue
 * arranges. The descriptors take effect in {@link IommuInvalidations} through the queue's
 * effect hook.
 */
public final class InvalidationSubmitter implements WaitListener {
    private final InvalidationQueue queue;
    private final IommuInvalidations invalidations;
    private final ArrayDeque<InvBatch> batches = new ArrayDeque<>();
    private final Long2ObjectOpenHashMap<Runnable> waits = new Long2ObjectOpenHashMap<>();
    private final SubmitListener recycle = (batch, blockedPs) -> batches.push(batch.clear());
    private long nextTag;

    /** Submits to {@code queue}, whose descriptors take effect in {@code invalidations}. */
    public InvalidationSubmitter(InvalidationQueue queue, IommuInvalidations invalidations) {
        this.queue = queue;
        this.invalidations = invalidations;
    }

    /** Descriptors for {@code invs}, then, if {@code done} is not null, a wait that runs it. Returns descriptors. */
    public int submit(List<Invalidation> invs, Runnable done) {
        InvBatch b = batches.isEmpty() ? queue.newBatch() : batches.pop();
        int n = 0;
        for (int i = 0; i < invs.size(); i++) {
            n += add(b, invs.get(i));
        }
        if (done != null) {
            long tag = nextTag++;
            waits.put(tag, done);
            n += b.addWait(this, tag);
        }
        if (b.size() == 0) {
            batches.push(b);
            return 0;
        }
        queue.submit(b, recycle);
        return n;
    }

    /** How many descriptors {@link #submit} writes for {@code inv} (range splitting included). */
    public long descriptorsFor(Invalidation inv) {
        if (inv.scope() != Invalidation.Scope.RANGE) {
            int pasid = inv.scope() == Invalidation.Scope.PASID ? inv.pasid() : InvBatch.ANY_PASID;
            return 1 + atcs().scopeTargets(inv.ioasid(), pasid, null); // the IOMMU's, then each ATC's
        }
        long perTarget = RangeSplitter.descriptors(inv.start(), inv.end(), queue.config().maxRangePages());
        return perTarget * (1 + atcs().devices().length); // the IOTLB's, then each ATS device's
    }

    private DeviceAtcs atcs() {
        return invalidations.atcs();
    }

    private int add(InvBatch b, Invalidation inv) {
        int dom = inv.ioasid();
        return switch (inv.scope()) {
            case RANGE -> {
                long first = inv.start() >>> 12;
                long last = (inv.end() + 0xFFFL) >>> 12;
                int n = b.addRange(dom, inv.pasid() >= 0 ? inv.pasid() : InvBatch.ANY_PASID, first, last - first,
                        inv.leafOnly());
                int atc = 0;
                for (int device : atcs().devices()) {
                    atc += b.addDeviceAtc(device, InvBatch.ANY_PASID, first, last - first);
                }
                if (atc > 0) {
                    invalidations.roundTrips().expect(dom, first << 12, last << 12, inv.leafOnly(), atc);
                }
                yield n + atc;
            }
            case PASID -> b.addPasid(dom, inv.pasid()) + scopeRoundTrips(b, dom, inv.pasid());
            case ALL -> {
                if (inv.cause() == Invalidation.Cause.PARENT_CHANGE) {
                    invalidations.countParentChangeFlush();
                }
                yield b.addDomain(dom) + scopeRoundTrips(b, dom, InvBatch.ANY_PASID);
            }
        };
    }

    /** After a PASID or domain descriptor: a whole-PASID device-ATC descriptor per ATS target. */
    private int scopeRoundTrips(InvBatch b, int dom, int pasid) {
        int atc = atcs().scopeTargets(dom, pasid, b::addDeviceAtcAll);
        if (atc > 0) {
            AtcRoundTrips roundTrips = invalidations.roundTrips();
            roundTrips.awaitRoundTrips(dom, pasid);
            roundTrips.expect(dom, 0, -1L, false, atc);
        }
        return atc;
    }

    @Override
    public void waitComplete(long tag, long latencyPs) {
        Runnable r = waits.remove(tag);
        if (r != null) {
            r.run();
        }
    }
}
