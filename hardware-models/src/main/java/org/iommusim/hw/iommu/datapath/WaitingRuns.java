package org.iommusim.hw.iommu.datapath;

import org.iommusim.hw.pagetable.Access;

/**
 * A request TLP that arrives on its own right behind its DMA's run waiting in admission joins that
 * run ({@link TlpRuns} for runs in general). A DMA's write TLPs cross the PCIe link one by one, so
 * they reach the IOMMU one by one; behind the in-flight bound they would wait in a row, each as a
 * request of its own. Joining the waiting run instead is exact: admission counts and numbers the
 * TLP as if it waited alone ({@link Admission#arriveBehind}), and the run keeps each TLP's arrival
 * and admission number ({@link TranslationRequest#spread}), so admission waits, latencies and the
 * order across devices stay per TLP. It joins only where TLP by TLP it would sit right behind the
 * run and be handled the same way: the same caller, the next tag and the next address of the same
 * page (which fix the TLP size), the same PASID and access, no removal since the run's first TLP
 * arrived (the same stale-use epoch), the youngest request in its device's reorder buffer.
 * Not for a device with an ATC, or with runs turned off ({@code -Diommusim.tlpRuns=false}).
 */
final class WaitingRuns {
    private final IommuUnits u;
    /** TLPs that joined a waiting run on arrival (observation, not a statistic of the model). */
    private long joined;

    WaitingRuns(IommuUnits units) {
        this.u = units;
    }

    /** TLPs that joined a waiting run on arrival so far. */
    long joined() {
        return joined;
    }

    /**
     * A request TLP of {@code dev} arrives now on its own ({@link TimedIommu#translate}): joins its
     * device's last waiting request as one more TLP of its run where the class comment allows (true),
     * else leaves it to arrive as a request of its own (false).
     */
    boolean join(int dev, int pas, long addr, Access acc, long tag, TranslationCallback cb) {
        if (!u.runs.allowed(dev) || !(cb instanceof RunCallback)) {
            return false;
        }
        TranslationProcess w = u.admission.waitingLast(dev);
        if (w == null) {
            return false;
        }
        Admission.Ticket t = w.ticket;
        if (w.callback != cb || w.tag + w.count != tag || w.pasid != pas || w.access != acc
                || (addr >>> 12) != (w.iova >>> 12)) {
            return false;
        }
        int unit = w.unit;
        if (w.count == 1) {
            unit = (int) (addr - w.iova);
            if (unit <= 0 || Integer.bitCount(unit) != 1 || (w.iova & (unit - 1)) != 0) {
                return false;
            }
        } else if (unit == 0 || addr != w.memberAddress(w.count)) {
            return false;
        }
        if (u.oracle.arrivalEpoch(w.id) != u.oracle.epochNow() || !u.pipelines.youngest(w)) {
            return false;
        }
        int c = w.count;
        w.ensureMembers(c + 1);
        if (!w.spread) {
            for (int m = 0; m < c; m++) {
                w.memberArrival[m] = w.arrival;
                w.memberNumber[m] = u.admission.number(t) + m;
            }
            w.spread = true;
        }
        w.memberArrival[c] = u.sim.now();
        w.memberNumber[c] = u.admission.arriveBehind(t);
        w.unit = unit;
        w.count = c + 1;
        joined++;
        return true;
    }
}
