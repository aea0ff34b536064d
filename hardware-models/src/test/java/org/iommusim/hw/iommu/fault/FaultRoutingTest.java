package org.iommusim.hw.iommu.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;

/**
 * {@link FaultPath} on its own, driven in plain values as the data path drives it: a host fault
 * goes to the reporter (an overflow is counted), a stage-1 fault of a bound table to its owner,
 * and a recoverable fault writes no fault record (its device asks for the page in a group).
 */
class FaultRoutingTest {
    private static final long IOVA = 0x4000_0000L;

    private final Simulator sim = new Simulator();
    private final StatsRegistry stats = new StatsRegistry(sim);
    private final TreeFixture f = TreeFixture.anyDepth();
    private final int parent = f.root(4);
    private final int child = f.child(parent, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4);
    private final Counter overflows = stats.counter("iommu.faults.overflows", "faults", "dropped");
    private final Counter pageRequests = stats.counter("iommu.faults.page-requests", "requests", "sent");
    private final FaultPath path = new FaultPath(f.cp, stats, "iommu", overflows, pageRequests);
    private final List<String> log = new ArrayList<>();

    {
        f.attach(1, 0, parent);
        f.attach(2, 0, child);
    }

    /** A handler that takes every fault {@code recoverable} accepts and logs what it resolves. */
    private PageRequestHandler handler(Predicate<FaultReason> recoverable) {
        return new PageRequestHandler() {
            @Override
            public boolean recoverable(int device, int pasid, int ioasid, FaultReason reason, int stage) {
                return recoverable.test(reason);
            }

            @Override
            public void handle(int ioasid, PageGroup g) {
                log.add("handled dev" + g.device() + " ioasid" + ioasid);
            }
        };
    }

    private void reportTo(boolean accept) {
        path.setReporter((device, pasid, ioasid, iova, reason, stage) -> {
            log.add("host dev" + device + " ioasid" + ioasid + " " + reason + " s" + stage);
            return accept;
        });
    }

    @Test
    void hostFault_goesToTheReporter_andTheDmaIsAborted() {
        reportTo(true);
        path.report(1, 0, IOVA, parent, FaultReason.NOT_PRESENT, 1);
        assertThat(log).containsExactly("host dev1 ioasid" + parent + " NOT_PRESENT s1");
        assertThat(overflows.get()).isZero();
        assertThat(pageRequests.get()).isZero();
    }

    @Test
    void reporterFull_countsAnOverflow() {
        reportTo(false);
        path.report(1, 0, IOVA, parent, FaultReason.PERMISSION, 1);
        assertThat(overflows.get()).isEqualTo(1);
    }

    @Test
    void stageOneFaultOfABoundTable_goesToItsOwner_stageTwoToTheHost() {
        reportTo(true);
        path.setOwnerFaultHandler(child, (device, pasid, iova, reason) -> log.add("owner dev" + device + " " + reason));
        path.report(2, 0, IOVA, child, FaultReason.NOT_PRESENT, 1);
        path.report(2, 0, IOVA, parent, FaultReason.NOT_PRESENT, 2);
        assertThat(log).containsExactly("owner dev2 NOT_PRESENT", "host dev2 ioasid" + parent + " NOT_PRESENT s2");
        assertThat(((Counter) stats.get("iommu.faults.reported-to-owner")).get()).isEqualTo(1);
    }

    @Test
    void recoverableFault_recordsNoFault_countsAPageRequest() {
        reportTo(true);
        PageRequestPath pri = new PageRequestPath(sim, stats, "pri", new PriConfig(5 * SimTime.US));
        path.setPageRequests(new PageRequestGroups(pri, f.cp, handler(reason -> reason == FaultReason.NOT_PRESENT),
                PriConfig.defaults(), stats, "pri"));
        path.report(1, 0, IOVA, parent, FaultReason.NOT_PRESENT, 1);
        path.report(1, 0, IOVA, parent, FaultReason.PERMISSION, 1);
        // no "host ..." entry for the first: a failed ATS translation goes back to the device, which asks for the page
        assertThat(pageRequests.get()).isEqualTo(1);
        assertThat(log).containsExactly("host dev1 ioasid" + parent + " PERMISSION s1");
    }

    @Test
    void pageRequestGroupsWithoutAPath_areRejected() {
        assertThatThrownBy(() -> new PageRequestGroups(null, f.cp, handler(reason -> true), PriConfig.defaults(),
                stats, "pri")).hasMessageContaining("need a page request path");
    }
}
