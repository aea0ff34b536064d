package org.iommusim.hw.iommu.inval;

import java.util.Arrays;
import org.iommusim.hw.pagetable.RangeSplitter;

/**
 * A reusable list of descriptors that one submitter hands to the
 * {@link InvalidationQueue} in one {@link InvalidationQueue#submit submit} call — what a
 * driver writes into the queue before ringing the tail doorbell. The submitter owns it and
 * refills it ({@link #clear()}) after the queue has accepted it; descriptors live in primitive
 * arrays that grow to the largest batch and are reused, so steady state allocates nothing.
 *
 * <p>Each descriptor carries the architecture's command ({@link InvCommand}) and its effect
 * ({@link InvKind}). A format's {@link QueueDriver} appends with {@link #add}, {@link #addCover}
 * (one naturally aligned block covering a range, as VT-d's address mask and AMD's S bit encode
 * it) and {@link #addRangeCommands} (SMMUv3 range commands, NUM × 2^SCALE pages each). The
 * older {@code addRange}/{@code addPasid}/... methods write VT-d commands and split ranges into
 * aligned power-of-two descriptors no wider than the queue's limit ({@link RangeSplitter}).
 * The {@code add} methods return how many descriptors they appended. Domain, PASID and device
 * ids are opaque ints; {@link #ANY_PASID} means every PASID.
 */
public final class InvBatch {
    /** PASID value meaning "every PASID of the domain" in a range descriptor. */
    public static final int ANY_PASID = -1;
    private static final InvKind[] KINDS = InvKind.values();
    private static final InvCommand[] COMMANDS = InvCommand.values();
    /** SMMUv3 CMDQ_TLBI_RANGE_NUM_MAX: a range command covers at most 31 × 2^SCALE pages. */
    static final long RANGE_NUM_MAX = 31;

    private final long maxRangePages;
    private int size;
    private byte[] kinds = new byte[8];
    private byte[] commands = new byte[8];
    private int[] targets = new int[8];
    private int[] pasids = new int[8];
    private long[] firsts = new long[8];
    private long[] pageCounts = new long[8];
    private boolean[] leafOnly = new boolean[8];
    private WaitListener[] waitListeners = new WaitListener[8];
    private long[] waitTags = new long[8];

    // Submission state, owned by the queue.
    boolean inFlight;
    int cursor;
    long submittedPs;
    SubmitListener listener;

    // Context for the allocation-free range split.
    private InvCommand splitCommand;
    private InvKind splitKind;
    private int splitTarget;
    private int splitPasid;
    private boolean splitLeaf;
    private final RangeSplitter.ChunkSink sink = (first, order) -> append(splitCommand, splitKind, splitTarget,
            splitPasid, first, 1L << order, splitLeaf, null, 0);

    /** @param maxRangePages the widest range descriptor, a power of two of pages */
    public InvBatch(long maxRangePages) {
        if (maxRangePages < 1 || Long.bitCount(maxRangePages) != 1) {
            throw new IllegalArgumentException("max pages per range descriptor must be a power of two >= 1, got "
                    + maxRangePages);
        }
        this.maxRangePages = maxRangePages;
    }

    /** Empties the batch for reuse. Not allowed while the queue is still accepting it. */
    public InvBatch clear() {
        requireIdle();
        Arrays.fill(waitListeners, 0, size, null);
        size = 0;
        return this;
    }

    /** IOTLB page-selective invalidation of {@code [firstPage, firstPage + pages)}; split as needed. */
    public int addRange(int domain, int pasid, long firstPage, long pages, boolean leafOnlyHint) {
        return addSplit(InvCommand.VTD_IOTLB_PSI, InvKind.IOTLB_RANGE, domain, pasid, firstPage, pages, leafOnlyHint);
    }

    /** Device-ATC invalidation of {@code [firstPage, firstPage + pages)} for {@code device}; split as needed. */
    public int addDeviceAtc(int device, int pasid, long firstPage, long pages) {
        return addSplit(InvCommand.VTD_DEVTLB, InvKind.DEVICE_ATC, device, pasid, firstPage, pages, false);
    }

    /**
     * Device-ATC invalidation of every page {@code device} caches for {@code pasid} (or every PASID
     * when {@link #ANY_PASID}): one descriptor with {@code pages} = 0 (PCIe ATS's whole-space
     * invalidation, the S bit with an all-ones address).
     */
    public int addDeviceAtcAll(int device, int pasid) {
        requireIdle();
        append(InvCommand.VTD_DEVTLB, InvKind.DEVICE_ATC, device, pasid, 0, 0, false, null, 0);
        return 1;
    }

    public int addPasid(int domain, int pasid) {
        requireIdle();
        append(InvCommand.VTD_PIOTLB_PASID, InvKind.PASID, domain, pasid, 0, 0, false, null, 0);
        return 1;
    }

    public int addDomain(int domain) {
        requireIdle();
        append(InvCommand.VTD_IOTLB_DSI, InvKind.DOMAIN, domain, ANY_PASID, 0, 0, false, null, 0);
        return 1;
    }

    public int addGlobal() {
        requireIdle();
        append(InvCommand.VTD_IOTLB_GLOBAL, InvKind.GLOBAL, 0, ANY_PASID, 0, 0, false, null, 0);
        return 1;
    }

    /** A VT-d wait descriptor: {@code listener} (may be null) hears {@code tag} when it completes. */
    public int addWait(WaitListener listener, long tag) {
        return addWait(InvCommand.VTD_INV_WAIT, listener, tag);
    }

    /** The wait command {@code command} (inv-wait, CMD_SYNC, COMPLETION_WAIT); {@code listener} hears {@code tag}. */
    public int addWait(InvCommand command, WaitListener listener, long tag) {
        requireIdle();
        append(command, InvKind.WAIT, 0, ANY_PASID, 0, 0, false, listener, tag);
        return 1;
    }

    /**
     * One command {@code command} with effect {@code effect} on {@code target} (domain, or device
     * for {@link InvKind#DEVICE_ATC}), {@code pasid}, pages {@code [firstPage, firstPage + pages)}
     * (0 pages: no range), leaf hint {@code leaf}. Returns 1.
     */
    public int add(InvCommand command, InvKind effect, int target, int pasid, long firstPage, long pages,
                   boolean leaf) {
        requireIdle();
        append(command, effect, target, pasid, firstPage, pages, leaf, null, 0);
        return 1;
    }

    /**
     * One command covering {@code [firstPage, firstPage + pages)} with the smallest naturally
     * aligned power-of-two block that contains it ({@link RangeSplitter#coverOrder}) — VT-d's
     * address mask (Linux {@code calculate_psi_aligned_address}), AMD's S bit
     * ({@code build_inv_address}), SMMUv3 ATC_INV's span. Returns 1.
     */
    public int addCover(InvCommand command, InvKind effect, int target, int pasid, long firstPage, long pages,
                        boolean leaf) {
        int order = RangeSplitter.coverOrder(firstPage, pages);
        long first = firstPage & -(1L << order);
        return add(command, effect, target, pasid, first, 1L << order, leaf);
    }

    /**
     * SMMUv3 range commands (RIL) for {@code [firstPage, firstPage + pages)} as Linux's
     * {@code __arm_smmu_tlb_inv_range} builds them: each command covers NUM × 2^SCALE pages,
     * SCALE the lowest set bit of the pages still to go and NUM (≤ 31) the next five bits; a
     * non-leaf range whose count has NUM field 1 grows by one page (the driver avoids
     * SCALE = NUM = 0 then). Returns how many commands.
     */
    public int addRangeCommands(InvCommand command, InvKind effect, int target, int pasid, long firstPage,
                                long pages, boolean leaf) {
        long left = pages;
        if (!leaf && (left & RANGE_NUM_MAX) == 1) {
            left++;
        }
        long at = firstPage;
        int n = 0;
        while (left > 0) {
            int scale = Long.numberOfTrailingZeros(left);
            long num = (left >>> scale) & RANGE_NUM_MAX;
            long span = num << scale;
            n += add(command, effect, target, pasid, at, span, leaf);
            left -= span;
            at += span;
        }
        return n;
    }

    /** The architecture's command of descriptor {@code i}. */
    public InvCommand command(int i) {
        return COMMANDS[commands[i]];
    }

    public int size() {
        return size;
    }

    public long maxRangePages() {
        return maxRangePages;
    }

    public InvKind kind(int i) {
        return KINDS[kinds[i]];
    }

    /** The domain (device for {@link InvKind#DEVICE_ATC}) of descriptor {@code i}. */
    public int target(int i) {
        return targets[i];
    }

    public int pasid(int i) {
        return pasids[i];
    }

    public long firstPage(int i) {
        return firsts[i];
    }

    public long pages(int i) {
        return pageCounts[i];
    }

    public boolean leafOnly(int i) {
        return leafOnly[i];
    }

    WaitListener waitListener(int i) {
        return waitListeners[i];
    }

    long waitTag(int i) {
        return waitTags[i];
    }

    private int addSplit(InvCommand command, InvKind kind, int target, int pasid, long first, long pages,
                         boolean leaf) {
        requireIdle();
        splitCommand = command;
        splitKind = kind;
        splitTarget = target;
        splitPasid = pasid;
        splitLeaf = leaf;
        return RangeSplitter.split(first, pages, maxRangePages, sink);
    }

    private void append(InvCommand command, InvKind kind, int target, int pasid, long first, long pages, boolean leaf,
            WaitListener listener, long tag) {
        if (size == kinds.length) {
            grow();
        }
        kinds[size] = (byte) kind.ordinal();
        commands[size] = (byte) command.ordinal();
        targets[size] = target;
        pasids[size] = pasid;
        firsts[size] = first;
        pageCounts[size] = pages;
        leafOnly[size] = leaf;
        waitListeners[size] = listener;
        waitTags[size] = tag;
        size++;
    }

    private void grow() {
        int n = kinds.length * 2;
        kinds = Arrays.copyOf(kinds, n);
        commands = Arrays.copyOf(commands, n);
        targets = Arrays.copyOf(targets, n);
        pasids = Arrays.copyOf(pasids, n);
        firsts = Arrays.copyOf(firsts, n);
        pageCounts = Arrays.copyOf(pageCounts, n);
        leafOnly = Arrays.copyOf(leafOnly, n);
        waitListeners = Arrays.copyOf(waitListeners, n);
        waitTags = Arrays.copyOf(waitTags, n);
    }

    private void requireIdle() {
        if (inFlight) {
            throw new IllegalStateException("this batch is still being accepted by the invalidation queue;"
                    + " wait for SubmitListener.accepted before changing it");
        }
    }
}
