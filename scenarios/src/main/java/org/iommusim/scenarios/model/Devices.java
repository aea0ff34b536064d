package org.iommusim.scenarios.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.iommusim.core.input.IoReasons;
import org.iommusim.hw.device.AddressPatterns;
import org.iommusim.hw.device.DmaConfig;
import org.iommusim.hw.device.DmaEngine;
import org.iommusim.hw.device.IssueMode;
import org.iommusim.hw.device.Nic;
import org.iommusim.hw.device.NicConfig;
import org.iommusim.hw.device.NvmeConfig;
import org.iommusim.hw.device.PatternSpec;
import org.iommusim.hw.device.Trace;
import org.iommusim.hw.device.TraceFormatException;
import org.iommusim.hw.device.TraceReader;
import org.iommusim.hw.device.TraceReplay;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.pcie.PcieLink;
import org.iommusim.scenarios.schema.DeviceSpec;
import org.iommusim.scenarios.schema.Presets;

/**
 * The registry of device presets, keyed by {@link DeviceSpec.Kind}: each builds the engine (and
 * driver) of one device from its section, attached as the scenario says. Statistics of device
 * {@code d} are under {@code dev.d} (its link under {@code dev.d.link}); random streams likewise.
 */
final class Devices {
    /** A built device: started when the measurement setup is done. */
    interface Built {
        DmaEngine engine();

        void start();
    }

    @FunctionalInterface
    private interface Builder {
        Built build(Wiring w, DeviceSpec d, int id, String path, PcieLink link, Path baseDir);
    }

    private static final Map<DeviceSpec.Kind, Builder> BUILDERS = new EnumMap<>(DeviceSpec.Kind.class);

    static {
        BUILDERS.put(DeviceSpec.Kind.NIC, Devices::nic);
        BUILDERS.put(DeviceSpec.Kind.NVME, Devices::nvme);
        BUILDERS.put(DeviceSpec.Kind.GPU, GpuDevice::build);
        BUILDERS.put(DeviceSpec.Kind.DMA, Devices::dma);
        BUILDERS.put(DeviceSpec.Kind.TRACE, Devices::trace);
    }

    private Devices() {
    }

    static Built build(Wiring w, DeviceSpec d, int id, Path baseDir) {
        String path = "devices." + d.name();
        PcieLink link = w.at().build(path + ".link", () -> new PcieLink(w.sim(), w.stats(), prefix(d) + ".link",
                d.link().toConfig()));
        if (d.translation() == DeviceSpec.Translation.PASS_THROUGH) {
            w.iommu().setPassThrough(id);
        }
        if (d.ats().enabled()) {
            w.iommu().enableAts(id, w.at().build(path + ".ats", () -> d.ats().toConfig()));
        }
        return BUILDERS.get(d.kind()).build(w, d, id, path, link, baseDir);
    }

    /** The IOMMU translating the device's DMA, or null when the device has none on its path. */
    static TimedIommu iommu(Wiring w, DeviceSpec d) {
        return d.translation() == DeviceSpec.Translation.NONE ? null : w.iommu();
    }

    static String prefix(DeviceSpec d) {
        return "dev." + d.name();
    }

    /** Attaches the device's PASID to its IOASID (not for gpu, whose processes attach their own). */
    static int attach(Wiring w, DeviceSpec d, int id, String path) {
        int ioasid = w.spaces().id(d.ioasid());
        w.spaces().controlPlane().registerDevice(id);
        w.at().ok(path + ".ioasid", "attaching device " + id + " PASID " + d.pasid(),
                w.spaces().controlPlane().attach(id, d.pasid(), ioasid));
        return ioasid;
    }

    static Built of(DmaEngine engine, Runnable start) {
        return new Built() {
            @Override
            public DmaEngine engine() {
                return engine;
            }

            @Override
            public void start() {
                start.run();
            }
        };
    }

    private static Built nic(Wiring w, DeviceSpec d, int id, String path, PcieLink link, Path baseDir) {
        int ioasid = attach(w, d, id, path);
        Presets.Nic n = d.nic();
        NicConfig config = w.at().build(path + ".nic", () -> new NicConfig(n.packetBytes(), n.rxRing(), n.txRing(),
                n.lineRateGbps() * 1e9, n.driver(), Pages.size(w.at(), path + ".nic.poolPageSize", n.poolPageSize()),
                d.pasid()));
        DmaEngine engine = w.at().build(path, () -> new DmaEngine(w.sim(), w.stats(), w.streams(), prefix(d), id,
                DmaConfig.defaults().withPasids(d.pasid(), 1), new IssueMode.Driven(), null, iommu(w, d), link));
        Nic nic;
        if (w.spaces().controlPlane().ioasid(ioasid).mode() == Mode.BIND_INVALIDATE) {
            nic = w.at().build(path + ".nic", () -> Nic.inGuest(w.sim(), w.stats(), prefix(d), config, engine, w.tcp(),
                    w.spaces().guestTable(ioasid), n.iovaBase(), n.addrBase()));
        } else {
            nic = w.at().build(path + ".nic", () -> new Nic(w.sim(), w.stats(), prefix(d), config, engine, w.tcp(),
                    ioasid, n.iovaBase(), n.addrBase()));
        }
        return of(engine, nic::start);
    }

    private static Built nvme(Wiring w, DeviceSpec d, int id, String path, PcieLink link, Path baseDir) {
        attach(w, d, id, path);
        Presets.Nvme n = d.nvme();
        NvmeConfig config = w.at().build(path + ".nvme", () -> new NvmeConfig(Math.toIntExact(n.blockBytes()),
                n.queueDepth(), n.readFraction(), n.workingSet(), d.pasid()));
        DmaEngine engine = w.at().build(path + ".nvme", () -> config.createEngine(w.sim(), w.stats(), w.streams(),
                prefix(d), id, n.iovaBase(), iommu(w, d), link));
        return of(engine, engine::start);
    }

    private static Built dma(Wiring w, DeviceSpec d, int id, String path, PcieLink link, Path baseDir) {
        int ioasid = attach(w, d, id, path);
        Presets.Dma m = d.dma();
        String p = path + ".dma";
        for (int i = 1; i < m.pasidCount(); i++) { // the further PASIDs it cycles through share the device's IOASID
            int pasid = d.pasid() + i;
            w.at().ok(p + ".pasidCount", "attaching device " + id + " PASID " + pasid + " (pasid + "
                    + i + ")", w.spaces().controlPlane().attach(id, pasid, ioasid));
        }
        int bytes = Math.toIntExact(m.requestBytes());
        DmaConfig config = w.at().build(p, () -> new DmaConfig(bytes, m.readFraction(), m.maxOutstanding(), d.pasid(),
                m.pasidCount(), m.memoryLatency(), m.issueGap()));
        IssueMode mode = w.at().build(p, () -> "open".equals(m.issue()) ? new IssueMode.OpenLoop(m.rate(), m.poisson())
                : new IssueMode.ClosedLoop(m.queueDepth()));
        long stride = m.stride() == 0 ? Math.max(PatternSpec.DEFAULT_STRIDE, bytes) : m.stride();
        PatternSpec pattern = w.at().build(p, () -> new PatternSpec(m.pattern(), m.base(), m.span(), bytes, stride,
                m.zipfExponent()));
        DmaEngine engine = w.at().build(p, () -> new DmaEngine(w.sim(), w.stats(), w.streams(), prefix(d), id, config,
                mode, AddressPatterns.create(pattern, w.streams().stream(prefix(d) + ".address")), iommu(w, d),
                link));
        return of(engine, engine::start);
    }

    private static Built trace(Wiring w, DeviceSpec d, int id, String path, PcieLink link, Path baseDir) {
        attach(w, d, id, path);
        if (d.trace().file() == null) {
            throw w.at().fail(path + ".trace.file", " is required for a device of kind trace");
        }
        Path file = baseDir.resolve(d.trace().file());
        Trace trace;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            trace = TraceReader.read(in, d.trace().file());
        } catch (IOException e) {
            throw w.at().fail(path + ".trace.file", ": cannot read " + file + ": " + IoReasons.of(e));
        } catch (TraceFormatException e) {
            throw w.at().fail(path + ".trace.file", ": " + e.getMessage());
        }
        DmaEngine engine = w.at().build(path + ".trace", () -> new DmaEngine(w.sim(), w.stats(), w.streams(), prefix(d),
                id, DmaConfig.defaults().withMaxOutstanding(d.trace().maxOutstanding()), new IssueMode.Driven(), null,
                iommu(w, d), link));
        TraceReplay replay = w.at().build(path + ".trace", () -> new TraceReplay(w.sim(), trace, Map.of(id, engine),
                d.trace().file()));
        return of(engine, () -> {
            engine.start();
            replay.start();
        });
    }
}
