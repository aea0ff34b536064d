package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pcie.LinkConfig;
import org.iommusim.hw.pcie.PcieGeneration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code nvme} drive: IOPS follow Little's law when the flash has dies to spare and the
 * dies' limit when it has not; every I/O makes exactly its protocol's DMAs; writes are limited
 * by the programs that drain the write buffer; the default drive on Gen4 x4 lands in a
 * datacenter drive's range.
 */
class NvmeDriveTest {
    private static final long WORKING_SET = 64L << 20;
    private static final long US = SimTime.US;

    /** A drive on a {@link DeviceRig} whose mapping covers the working set and, after it, the queues. */
    private record Drive(DeviceRig rig, NvmeDrive d) {
        static Drive of(long seed, NvmeConfig c, LinkConfig link) {
            DeviceRig rig = new DeviceRig(seed, TimedIommuConfig.defaults(), 80 * SimTime.NS, link,
                    WORKING_SET + c.queueBytes(), PageSize.SIZE_4K);
            DmaEngine e = c.createEngine(rig.sim, rig.stats, rig.streams, "dev1", DeviceRig.DEVICE, rig.iommu,
                    rig.link);
            return new Drive(rig, NvmeDrive.premapped(rig.sim, rig.stats, rig.streams, "dev1", c, e, DeviceRig.BASE,
                    DeviceRig.BASE + WORKING_SET));
        }

        NvmeStats run(long warmup, long end) {
            d.start();
            rig.stats.resetAfter(warmup);
            rig.sim.runUntil(end);
            return d.stats();
        }
    }

    private static NvmeConfig reads(int qd, FlashConfig flash) {
        return NvmeConfig.defaults().withWorkingSet(WORKING_SET).withQueueDepth(qd).withReadFraction(1.0)
                .withFlash(flash);
    }

    @ParameterizedTest(name = "queue depth {0}")
    @ValueSource(ints = {1, 4, 16})
    void iops_isQueueDepthOverLatency_whenDiesAreToSpare(int qd) {
        long seed = 60 + qd;
        FlashConfig flash = FlashConfig.defaults().withDies(4096, 64).withRead(20 * US, 20 * US);
        NvmeStats s = Drive.of(seed, reads(qd, flash), LinkConfig.defaults()).run(100 * US, 3 * SimTime.MS);
        double littles = qd / s.meanLatencyPs() * SimTime.S;
        System.out.printf("seed %d QD%d: %.0f IOPS, mean %.2f us, QD/latency %.0f%n", seed, qd, s.iops(),
                s.meanLatencyPs() / US, littles);
        assertThat(s.iops()).as("seed %d", seed).isCloseTo(littles, withinPercentage(1));
        // the media read plus a few microseconds of protocol DMAs and channel transfer
        assertThat(s.meanLatencyPs()).isBetween(20.0 * US, 26.0 * US);
    }

    @Test
    void iops_isTheDiesLimit_whenTheQueueIsDeep() {
        FlashConfig flash = FlashConfig.defaults().withDies(4, 4).withRead(10 * US, 10 * US);
        NvmeStats s = Drive.of(7, reads(256, flash), LinkConfig.defaults()).run(200 * US, 3 * SimTime.MS);
        double limit = flash.readLimitIops(4096);
        System.out.printf("seed 7 dies-limited: %.0f IOPS, limit %.0f%n", s.iops(), limit);
        assertThat(limit).isCloseTo(400_000, withinPercentage(0.01));
        assertThat(s.iops()).isCloseTo(limit, withinPercentage(2));
    }

    /** Flash with dies and channels to spare: the controller's one-command-at-a-time rate is the limit. */
    @Test
    void iops_isTheControllerRate_whenTheFlashHasDiesToSpare() {
        FlashConfig flash = FlashConfig.defaults().withDies(4096, 64).withRead(10 * US, 10 * US);
        NvmeConfig c = reads(256, flash).withControllerIops(500_000);
        Drive d = Drive.of(9, c, LinkConfig.defaults());
        NvmeStats s = d.run(200 * US, 3 * SimTime.MS);
        System.out.printf("seed 9 controller-limited: %.0f IOPS, controller 500000, flash %.0f%n", s.iops(),
                flash.readLimitIops(4096));
        assertThat(flash.readLimitIops(4096)).isGreaterThan(5e6);
        assertThat(s.iops()).isCloseTo(500_000, withinPercentage(1));
        assertThat(((org.iommusim.core.stats.Tally) d.rig().stats.get("dev1.controller.wait")).mean())
                .as("commands queue for the controller").isGreaterThan(100.0 * US);
    }

    @Test
    void negativeControllerRate_isRejectedWithWhatIsAllowed() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NvmeConfig.defaults().withControllerIops(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("controllerIops must be >= 0");
        assertThat(NvmeConfig.defaults().commandPs()).as("900 K commands/s").isEqualTo(1_111_111);
    }

    /** At QD1 the controller never queues: each I/O takes exactly its command time longer. */
    @Test
    void qd1Latency_growsByTheCommandTime_andNoCommandWaits() {
        FlashConfig flash = FlashConfig.defaults().withRead(30 * US, 30 * US);
        NvmeStats without = Drive.of(10, reads(1, flash).withControllerIops(0), LinkConfig.defaults())
                .run(100 * US, 2 * SimTime.MS);
        Drive d = Drive.of(10, reads(1, flash).withControllerIops(250_000), LinkConfig.defaults());
        NvmeStats with = d.run(100 * US, 2 * SimTime.MS);
        System.out.printf("seed 10 QD1: %.3f us without the controller, %.3f us with 4 us per command%n",
                without.meanLatencyPs() / US, with.meanLatencyPs() / US);
        assertThat(with.meanLatencyPs() - without.meanLatencyPs()).isCloseTo(4.0 * US, withinPercentage(1));
        assertThat(((org.iommusim.core.stats.Tally) d.rig().stats.get("dev1.controller.wait")).mean()).isZero();
    }

    @Test
    void writes_areLimitedByTheProgramsThatDrainTheBuffer() {
        int dies = 2;
        FlashConfig f = FlashConfig.defaults().withDies(dies, dies).withChannelRate(1e15);
        f = new FlashConfig(dies, dies, 1e15, f.readMinPs(), f.readMaxPs(), 100 * US, 100 * US, 16 << 10,
                dies * (16L << 10), US, US);
        NvmeConfig c = reads(64, f).withReadFraction(0);
        Drive d = Drive.of(8, c, LinkConfig.defaults());
        NvmeStats s = d.run(300 * US, 5 * SimTime.MS);
        double limit = dies * (16 << 10) / 4096.0 / (100 * US) * SimTime.S;
        System.out.printf("seed 8 write-limited: %.0f IOPS, limit %.0f%n", s.iops(), limit);
        assertThat(s.iops()).isCloseTo(limit, withinPercentage(3));
        assertThat(d.rig().counter("dev1.media.buffer-stalls")).isPositive();
    }

    @ParameterizedTest(name = "{0} B per I/O")
    @ValueSource(ints = {4096, 16384})
    void everyIo_makesOneFetchItsDataOneCompletionAndOneInterrupt(int block) {
        NvmeConfig c = NvmeConfig.defaults().withWorkingSet(WORKING_SET).withBlockBytes(block);
        Drive drive = Drive.of(9, c, LinkConfig.defaults());
        DeviceRig rig = drive.rig();
        NvmeDrive d = drive.d();
        d.start();
        rig.sim.runUntil(SimTime.MS);
        d.stop();
        rig.sim.runUntil(3 * SimTime.MS);
        long n = d.stats().completed();
        assertThat(n).isGreaterThan(100);
        assertThat(d.stats().failed()).isZero();
        long prp = block > 8192 ? n : 0;
        assertThat(d.stats().dmaCounts()).containsExactly(n, prp, n, n, n);
        assertThat(rig.counter("dev1.completed")).isEqualTo(4 * n + prp);
        assertThat(rig.counter("dev1.io.reads") + rig.counter("dev1.io.writes")).isEqualTo(n);
        // storage reads are DMA writes of the data, storage writes DMA reads
        assertThat(rig.counter("dev1.write-bytes")).isEqualTo(rig.counter("dev1.io.reads") * block
                + n * (NvmeConfig.CQ_ENTRY_BYTES + NvmeConfig.MSI_BYTES));
    }

    @Test
    void defaultDrive_onGen4x4_readsAtDatacenterRates() {
        LinkConfig x4 = LinkConfig.defaults().withLink(PcieGeneration.GEN4, 4);
        NvmeStats s = Drive.of(10, reads(32, FlashConfig.defaults()), x4).run(200 * US, 3 * SimTime.MS);
        System.out.printf("seed 10 default drive QD32 random 4 KiB reads on %s x4: %.0f IOPS, mean %.1f us%n",
                PcieGeneration.GEN4, s.iops(), s.meanReadPs() / US);
        assertThat(s.iops()).isBetween(400_000.0, 1_200_000.0);
        assertThat(s.meanReadPs()).isBetween(30.0 * US, 80.0 * US);
    }
}
