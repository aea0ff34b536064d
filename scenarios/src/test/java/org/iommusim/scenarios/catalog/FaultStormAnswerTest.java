package org.iommusim.scenarios.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer {@code fault-storm}'s header states, as its findings give it (three replications,
 * not the header's run to a 5 % precision): without PRI the DMAs to the unmapped half abort and
 * their fault records overflow the 16-record queue, whose handler is busy all the time; with
 * PRI no DMA aborts — a faulting DMA waits for its page request group (one page each here)
 * instead, so DMA latency rises significantly, the more the slower the handler. Throughput
 * rises above no-pri's with the 10 us handler (only the faulting DMAs wait, and briefly) and
 * falls with the 100 us one (its waits hold the device's tags).
 */
class FaultStormAnswerTest {
    @TempDir
    Path dir;

    @Test
    void withoutPriTheQueueOverflows_withPriDmasWaitInsteadOfAborting() throws Exception {
        CatalogAnswer run = CatalogAnswer.run(dir, "fault-storm", "--set", "replications=3", "--set", "precision=0");
        assertThat(run.mean("no-pri", "run.dma-faults")).as("faults abort DMAs without PRI").isPositive();
        assertThat(run.mean("no-pri", "faultq.overflows")).as("the 16-record queue overflows")
                .isGreaterThan(run.mean("no-pri", "faultq.handled"));
        assertThat(run.mean("no-pri", "faultq.handler-utilisation")).as("its handler never rests").isGreaterThan(0.98);
        for (String pri : new String[] {"pri", "pri-slow"}) {
            assertThat(run.mean(pri, "run.dma-faults")).as("%s: page requests instead of aborts", pri).isZero();
            assertThat(run.mean(pri, "pri.requests")).isPositive();
            assertThat(run.significant("run.dma-latency", pri, "").get("relativeChange").asDouble())
                    .as("%s over no-pri", pri).isGreaterThan(0.2);
            assertThat(run.mean(pri, "pri.group-size")).as("%s: one 4 KiB page per DMA, one per group", pri)
                    .isEqualTo(1.0);
            assertThat(run.mean(pri, "pri.responses")).as("%s: one response per queued group", pri)
                    .isEqualTo(run.mean(pri, "pri.groups") - run.mean(pri, "pri.auto-responses"), within(20.0));
        }
        // +32 % since an ATS device's write keeps its tag until translated (it cannot send a write it has no
        // translation for), so a write waiting for its page request group holds a tag; +70 % before, when such a
        // write freed its tag on leaving the device, untranslated
        assertThat(run.significant("run.dma-throughput", "pri", "").get("relativeChange").asDouble())
                .as("pri: only the faulting DMAs wait, and no DMA is aborted").isGreaterThan(0.2);
        assertThat(run.significant("run.dma-latency", "pri-slow", "").get("relativeChange").asDouble())
                .as("pri-slow over no-pri").isGreaterThan(10);
        assertThat(run.significant("run.dma-throughput", "pri-slow", "").get("relativeChange").asDouble())
                .as("pri-slow: 100 us waits hold the device's tags").isLessThan(-0.5);
        assertThat(run.mean("pri-slow", "run.dma-latency")).as("a slower handler, a longer wait")
                .isGreaterThan(run.mean("pri", "run.dma-latency"));
    }
}
