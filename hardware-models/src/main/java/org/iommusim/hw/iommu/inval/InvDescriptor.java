package org.iommusim.hw.iommu.inval;

/** One queue slot's descriptor; pooled by {@link InvalidationQueue}, copied from an {@link InvBatch}. */
final class InvDescriptor {
    InvKind kind;
    InvCommand command;
    int target;
    int pasid;
    long firstPage;
    long pages;
    boolean leafOnly;
    WaitListener waitListener;
    long waitTag;
    /** When the batch was submitted (for wait latency). */
    long submittedPs;
    /** When this descriptor entered the queue. */
    long acceptedPs;

    void load(InvBatch b, int i, long now) {
        kind = b.kind(i);
        command = b.command(i);
        target = b.target(i);
        pasid = b.pasid(i);
        firstPage = b.firstPage(i);
        pages = b.pages(i);
        leafOnly = b.leafOnly(i);
        waitListener = b.waitListener(i);
        waitTag = b.waitTag(i);
        submittedPs = b.submittedPs;
        acceptedPs = now;
    }
}
