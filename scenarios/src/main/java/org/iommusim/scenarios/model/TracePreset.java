package org.iommusim.scenarios.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.iommusim.core.input.IoReasons;
import org.iommusim.hw.device.DmaConfig;
import org.iommusim.hw.device.DmaEngine;
import org.iommusim.hw.device.IssueMode;
import org.iommusim.hw.device.Trace;
import org.iommusim.hw.device.TraceFormatException;
import org.iommusim.hw.device.TraceReader;
import org.iommusim.hw.device.TraceReplay;
import org.iommusim.scenarios.config.Key;

/**
 * The {@code trace} preset: replay of a recorded DMA trace ({@code time,device,pasid,iova,size,dir}
 * lines, {@link TraceReader}) through a driven {@link DmaEngine} with {@code maxOutstanding} tags
 * (default {@link DmaConfig#defaults()}'s). The file is read when the device is built; a missing or
 * malformed file is located bad input.
 */
final class TracePreset implements DevicePreset<TracePreset.Spec> {
    /** The {@code trace} section. */
    record Spec(
            @Key(doc = "Trace file (CSV time,device,pasid,iova,size,dir), relative to the scenario file") String file,
            @Key(doc = "PCIe tags of the replaying engine", unit = "tags", min = "1", max = "65536") int maxOutstanding) {

        static Spec defaults() {
            return new Spec(null, DmaConfig.defaults().maxOutstanding());
        }
    }

    @Override
    public String name() {
        return "trace";
    }

    @Override
    public String doc() {
        return "replay of a recorded DMA trace";
    }

    @Override
    public Class<Spec> section() {
        return Spec.class;
    }

    @Override
    public Devices.Built build(Build b, Spec t) {
        Wiring w = b.w();
        String path = b.path();
        b.attach();
        if (t.file() == null) {
            throw w.at().fail(path + ".trace.file", " is required for a device of kind trace");
        }
        Path file = b.baseDir().resolve(t.file());
        Trace trace;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            trace = TraceReader.read(in, t.file());
        } catch (IOException e) {
            throw w.at().fail(path + ".trace.file", ": cannot read " + file + ": " + IoReasons.of(e));
        } catch (TraceFormatException e) {
            throw w.at().fail(path + ".trace.file", ": " + e.getMessage());
        }
        DmaEngine engine = w.at().build(path + ".trace", () -> new DmaEngine(w.sim(), w.stats(), w.streams(),
                b.prefix(), b.id(), DmaConfig.defaults().withMaxOutstanding(t.maxOutstanding()), new IssueMode.Driven(),
                null, b.iommu(), b.link()));
        TraceReplay replay = w.at().build(path + ".trace", () -> new TraceReplay(w.sim(), trace, Map.of(b.id(), engine),
                t.file()));
        return Devices.of(engine, () -> {
            engine.start();
            replay.start();
        });
    }
}
