package org.iommusim.hw.device;

import org.iommusim.hw.iommu.datapath.RunCallback;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pcie.FlowCredits;
import org.iommusim.hw.pcie.LinkCallback;
import org.iommusim.hw.pcie.LinkDirection;
import org.iommusim.hw.pcie.PcieLink;
import org.iommusim.hw.pcie.Tlps;

/**
 * Phase 2 of a {@link DmaTransfer}, "request up": how its request TLPs are split and sent
 * upstream through the device's {@link RequestStream} (a read's requests take it together, a
 * write's TLPs one by one; each holds it for the device's time per request) and then under the
 * root port's flow-control credits ({@link FlowCredits}). A read's
 * header-only requests (one per MRRS block) first take one non-posted-header credit each, in
 * order, then cross the link as one unit — or, when the credits are limited and fewer are free,
 * in chunks of as many as are free (at least one, waiting for it in order). A write's data
 * TLPs (split at MPS) go one by one, each first taking the root port's posted credits (one
 * header, one data credit per 16 B), in order. The link tells the transfer (its
 * {@link LinkCallback}) when each unit has left and arrived; a read chunk's link tag carries its
 * first request's index and its request count ({@link #first}, {@link #count}), a write TLP's
 * its index.
 *
 * <p>One per transfer, reused for each of its DMAs: allocates nothing. Does not model: the
 * device's own transmit queue beyond the credit wait, ordering against other devices.
 */
final class RequestTlps implements FlowCredits.Waiter, RequestStream.Waiter {
    /** Link-tag bits of a read chunk's request count (the rest: its first request's index). */
    private static final int CHUNK_BITS = 20;
    private final PcieLink link;
    /** The transfer: told by the link when a unit has left and arrived. */
    private final LinkCallback transfer;
    /** The device's serial request stream, which every request TLP passes before its credits. */
    final RequestStream stream;
    private long iova;
    private int length;
    private Access access;
    /** The DMA's request TLPs: how many, how many sent. */
    private int tlps;
    private int sent;
    /** Requests of the read chunk being sent (waiting for its non-posted credits). */
    private int chunk;
    /** The TLPs being sent hold the request stream (a read's all, a write's next one). */
    private boolean streamHeld;
    /** End of the DMA's latest passage through the stream, where a miss hold of its TLPs counts from. */
    private long passedAt;

    RequestTlps(PcieLink link, LinkCallback transfer, RequestStream stream) {
        this.link = link;
        this.transfer = transfer;
        this.stream = stream;
    }

    /** Splits the DMA of {@code bytes} at {@code addr} into its request TLPs; returns how many. */
    int split(long addr, int bytes, Access acc) {
        iova = addr;
        length = bytes;
        access = acc;
        int unit = acc == Access.WRITE ? link.config().maxPayloadBytes() : link.config().maxReadRequestBytes();
        tlps = (int) Tlps.count(addr, bytes, unit);
        sent = 0;
        streamHeld = false;
        passedAt = RequestStream.NOT_PASSED;
        return tlps;
    }

    /**
     * Sends the request TLPs: a read's as one unit once they hold the request stream and their
     * credits, a write's TLP by TLP, each through the stream, then its credits.
     */
    void send() {
        if (access == Access.WRITE) {
            sendWriteTlps();
        } else if (stream.take(this)) {
            passedAt = stream.passEnd();
            sendReadRequests();
        }
    }

    @Override
    public int streamTlps() {
        return access == Access.WRITE ? 1 : tlps;
    }

    @Override
    public void streamGranted() {
        passedAt = stream.passEnd();
        if (access == Access.WRITE) {
            streamHeld = true;
            sendWriteTlps();
        } else {
            sendReadRequests();
        }
    }

    /** Where a miss hold of the DMA's TLPs counts from ({@link RequestStream#hold}). */
    long passedAt() {
        return passedAt;
    }

    /** Its TLPs are translated again at the root port (PRI retries, not through the stream): holds count from then. */
    void retried() {
        passedAt = RequestStream.NOT_PASSED;
    }

    /** The TLP count of the DMA being sent. */
    int count() {
        return tlps;
    }

    /** The first request index of the read chunk with link tag {@code linkTag}. */
    static long first(long linkTag) {
        return linkTag >>> CHUNK_BITS;
    }

    /** The request count of the read chunk with link tag {@code linkTag}. */
    static int count(long linkTag) {
        return (int) (linkTag & (1L << CHUNK_BITS) - 1);
    }

    /** The address TLP {@code i} starts at (the range start for the first, else its aligned block). */
    long start(long i) {
        return Tlps.start(iova, unit(), i);
    }

    /** The split unit: MPS for a write, MRRS for a read. */
    private int unit() {
        return access == Access.WRITE ? link.config().maxPayloadBytes() : link.config().maxReadRequestBytes();
    }

    /**
     * Read requests {@code first} to {@code first + count - 1} arrived at the root complex: each
     * page's requests go to {@code iommu} as one run ({@link TimedIommu#translateRun}), tagged by index.
     */
    void translate(TimedIommu iommu, int device, int pasid, long first, int count, RunCallback callback) {
        int unit = unit();
        long end = first + count;
        for (long i = first; i < end; ) {
            int n = Tlps.inSamePage(iova, unit, i, end);
            iommu.translateRun(device, pasid, Tlps.start(iova, unit, i), unit, n, access, i, callback);
            i += n;
        }
    }

    /**
     * The root port freed {@code n} of the DMA's request TLPs from {@code i} on from its receive
     * buffer: their credits come back one link latency later (UpdateFC) — a write's TLP by TLP
     * (each its own data credits), a read's together.
     */
    void freed(long i, int n) {
        if (access == Access.WRITE) {
            FlowCredits posted = link.postedCredits();
            if (!posted.limited()) {
                return; // infinite credits: nothing is counted
            }
            for (long j = i; j < i + n; j++) {
                posted.returnLater(1, FlowCredits.dataCredits(writeTlpBytes(j)));
            }
        } else {
            link.nonPostedCredits().returnLater(n, 0);
        }
    }

    /** Payload bytes of the write's TLP {@code i} (split at MPS boundaries). */
    int writeTlpBytes(long i) {
        int mps = link.config().maxPayloadBytes();
        long start = Tlps.start(iova, mps, i);
        long end = Math.min(iova + length, (start & -(long) mps) + mps);
        return (int) (end - start);
    }

    /**
     * Sends the read's remaining requests while the root port's non-posted credits allow: all
     * as one unit when they fit (always with unlimited credits), else as many as are free (at
     * least one, waiting for it in order), the rest later.
     */
    private void sendReadRequests() {
        FlowCredits credits = link.nonPostedCredits();
        while (sent < tlps) {
            int k = tlps - sent;
            if (credits.limited()) {
                k = Math.min(k, Math.max(1, credits.headersFree()));
            }
            chunk = k;
            if (!credits.tryTake(k, 0, this)) {
                return; // creditsGranted() resumes here
            }
            sendReadChunk();
        }
    }

    /** Sends {@link #chunk} request TLPs from TLP {@link #sent} on as one unit; the link tag carries both. */
    private void sendReadChunk() {
        link.send(LinkDirection.UPSTREAM, 0, chunk, link.config().requestOverheadBytes(),
                (long) sent << CHUNK_BITS | chunk, transfer);
        sent += chunk;
    }

    /** Sends the write's next TLPs, each once it holds the request stream and the root port's posted credits, in order. */
    private void sendWriteTlps() {
        FlowCredits credits = link.postedCredits();
        while (sent < tlps) {
            if (!streamHeld) {
                if (!stream.take(this)) {
                    return; // streamGranted() resumes here
                }
                passedAt = stream.passEnd();
                streamHeld = true;
            }
            if (!credits.tryTake(1, FlowCredits.dataCredits(writeTlpBytes(sent)), this)) {
                return; // creditsGranted() resumes here
            }
            sendWriteTlp();
        }
    }

    @Override
    public void creditsGranted() {
        if (access == Access.READ) {
            sendReadChunk();
            sendReadRequests();
            return;
        }
        sendWriteTlp();
        sendWriteTlps();
    }

    private void sendWriteTlp() {
        streamHeld = false;
        int i = sent++;
        link.send(LinkDirection.UPSTREAM, writeTlpBytes(i), 1, link.config().requestOverheadBytes(), i, transfer);
    }
}
