package org.iommusim.scenarios.model;

import static org.iommusim.scenarios.config.Key.Kind.SIZE;

import org.iommusim.hw.device.AddressPatterns;
import org.iommusim.hw.device.DmaConfig;
import org.iommusim.hw.device.DmaEngine;
import org.iommusim.hw.device.IssueMode;
import org.iommusim.hw.device.PatternSpec;
import org.iommusim.scenarios.config.Key;

/**
 * A test-only device preset, {@code burst}: a closed-loop engine reading a buffer sequentially,
 * written as a new preset is: one class with its name, section (defaults from
 * {@link DmaConfig#defaults()}) and builder. {@link ExtensionExamplesTest} registers it with
 * {@code Extensions.with} and runs a scenario naming it; nothing else is edited.
 */
final class BurstPresetExample implements DevicePreset<BurstPresetExample.Spec> {
    /** The {@code burst} section. */
    record Spec(
            @Key(doc = "Bytes per request", kind = SIZE, min = "1B", max = "1GiB") long requestBytes,
            @Key(doc = "Requests kept outstanding", min = "1", max = "65536") int queueDepth,
            @Key(doc = "IOVA of the buffer", kind = SIZE) long base,
            @Key(doc = "Bytes of the buffer", kind = SIZE, min = "1B") long bytes) {

        static Spec defaults() {
            DmaConfig c = DmaConfig.defaults();
            return new Spec(c.requestBytes(), c.maxOutstanding(), 256L << 20, 1L << 20);
        }
    }

    @Override
    public String name() {
        return "burst";
    }

    @Override
    public String doc() {
        return "sequential reads of one buffer, a fixed number outstanding (test example)";
    }

    @Override
    public Class<Spec> section() {
        return Spec.class;
    }

    @Override
    public Devices.Built build(Build b, Spec s) {
        b.attach();
        int bytes = Math.toIntExact(s.requestBytes());
        PatternSpec pattern = b.at().build(b.path() + ".burst", () -> PatternSpec.of("sequential", s.base(), s.bytes(),
                bytes));
        DmaEngine engine = b.at().build(b.path() + ".burst", () -> new DmaEngine(b.w().sim(), b.w().stats(),
                b.w().streams(), b.prefix(), b.id(), DmaConfig.defaults().withRequestBytes(bytes)
                        .withPasids(b.d().pasid(), 1), new IssueMode.ClosedLoop(s.queueDepth()),
                AddressPatterns.create(pattern, b.w().streams().stream(b.prefix() + ".address")), b.iommu(),
                b.link()));
        return Devices.of(engine, engine::start);
    }
}
