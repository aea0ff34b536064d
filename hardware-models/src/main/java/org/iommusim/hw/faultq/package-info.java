/**
 * Faults as a timed component: the bounded {@link org.iommusim.hw.faultq.FaultQueue} (overflow
 * counted, never fatal; records in primitive arrays; a software handler that drains it,
 * standalone or on host cores) and the PRI {@link org.iommusim.hw.faultq.PageRequestPath}
 * (a recoverable fault waits for the handler, then the requester retries).
 *
 * <p>{@link org.iommusim.hw.faultq.FaultReason} and {@link org.iommusim.hw.faultq.FaultStage}
 * are local to this package; the integration maps the functional core's fault reasons onto
 * them. Devices and PASIDs are plain ints.
 */
package org.iommusim.hw.faultq;
