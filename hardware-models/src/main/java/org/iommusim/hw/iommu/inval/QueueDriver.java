package org.iommusim.hw.iommu.inval;

import java.util.List;
import org.iommusim.hw.ioasid.Invalidation;

/**
 * What one architecture's Linux driver writes into its command/invalidation queue for a
 * control-plane operation — the extension point of {@link QueueFormats} (one implementation
 * per format: {@link VtdDriver}, {@link SmmuV3Driver}, {@link AmdViDriver}).
 *
 * <p>{@link #emit} appends the commands of {@code op.get(i)}; the operation's other
 * invalidations are context (a stage-2 change lists the parent's ranges before its children's
 * flushes, so a driver can give the children the parent's range or issue one VMID-wide command
 * for all of them). The wait command that ends the batch is the submitter's (the format's
 * {@link QueueFormat#waitCommand()}). Drivers keep no state: the same op always gives the same list.
 */
public interface QueueDriver {
    /** Appends to {@code out} the commands for {@code op.get(i)}; returns how many. */
    int emit(List<Invalidation> op, int i, DriverView view, InvBatch out);

    /** Appends to {@code out} this architecture's command(s) for the explicit request {@code e}. */
    int explicit(ExplicitInvalidation e, DriverView view, InvBatch out);
}
