package org.iommusim.scenarios.model;

import java.util.HashMap;
import java.util.Map;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.AllocSpec;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.ControlPlaneConfig;
import org.iommusim.hw.ioasid.InvalidateRequest;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.scenarios.schema.IoasidSpec;
import org.iommusim.scenarios.schema.Scenario;

/**
 * The functional IOASID tree of a scenario: allocates every IOASID in list order (parents before
 * children), installs the initial mappings of {@code map-unmap} IOASIDs, and creates, fills (each
 * guest map at each of its aliases), binds and invalidates the guest tables of
 * {@code bind-invalidate} ones (so a shadow is synchronised
 * before the first DMA). Every refusal of the control plane — a nesting the hardware cannot do,
 * an overlapping map, a guest mapping of an unmapped GPA — is reported at the offending key.
 * Setting the tree up is not timed: it happens before simulated time starts.
 */
public final class AddressSpaces {
    private final ControlPlane cp;
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<Integer, GuestPageTable> guestTables = new HashMap<>();
    private final Located at;

    public AddressSpaces(Scenario scenario, Located at) {
        this.at = at;
        // A guest's invalidation counts the commands its own driver writes: the queue architecture's encoding.
        var queue = scenario.iommu().invalidationQueue();
        this.cp = new ControlPlane(ControlPlaneConfig.defaults().withDescriptorPages(queue.maxRangePages())
                .withGuestCommands(queue.format().guestCommands(queue.rangeInvalidation())));
        for (IoasidSpec x : scenario.ioasids()) {
            build(x);
        }
    }

    public ControlPlane controlPlane() {
        return cp;
    }

    /** The id of the IOASID named {@code name} (the scenario rules made sure it exists). */
    public int id(String name) {
        Integer id = ids.get(name);
        if (id == null) {
            throw new IllegalStateException("no IOASID '" + name + "'; the scenario rules should have caught this");
        }
        return id;
    }

    /** The guest table of IOASID {@code id}, or null when it has none. */
    public GuestPageTable guestTable(int id) {
        return guestTables.get(id);
    }

    /** Registers a guest table created outside the tree (the gpu preset's process tables). */
    void addGuestTable(int id, GuestPageTable table) {
        guestTables.put(id, table);
    }

    private void build(IoasidSpec x) {
        String path = "ioasids." + x.name();
        AllocSpec spec = x.parent() == null ? AllocSpec.root(x.levels())
                : AllocSpec.child(id(x.parent()), x.mode(), x.nesting(), x.levels());
        spec = spec.withCachingMode(x.cachingMode()).withLazyFill(x.lazyFill());
        int id = at.ok(path, "allocating the IOASID", cp.alloc(spec));
        ids.put(x.name(), id);
        for (int i = 0; i < x.maps().size(); i++) {
            IoasidSpec.MapSpec m = x.maps().get(i);
            String mp = path + ".maps." + i;
            if (x.mode() != Mode.MAP_UNMAP) {
                throw at.fail(mp, ": a bind-invalidate IOASID is filled by its guest table (guest.maps), not by maps");
            }
            PageSize size = Pages.size(at, mp + ".pageSize", m.pageSize());
            long step = m.eachPage() ? size.bytes() : m.bytes();
            for (long off = 0; off < m.bytes(); off += step) {
                at.ok(mp, "the mapping", cp.map(id, m.iova() + off, m.pa() + off, Math.min(step, m.bytes() - off),
                        Pages.prot(m.prot()), size));
            }
        }
        if (x.mode() == Mode.BIND_INVALIDATE) {
            guestTables.put(id, guestTable(path + ".guest", id, x.guest()));
        } else if (!x.guest().maps().isEmpty()) {
            throw at.fail(path + ".guest.maps", ": only a bind-invalidate IOASID has a guest table");
        }
    }

    private GuestPageTable guestTable(String path, int id, IoasidSpec.GuestSpec g) {
        GuestPageTable table = at.ok(path + ".tableGpa", "creating the guest table",
                GuestPageTable.create(cp, id, g.tableGpa(), g.tableGpa() + g.tableBytes()));
        at.ok(path, "binding the guest table", cp.bind(id, table.root()));
        for (int i = 0; i < g.maps().size(); i++) {
            IoasidSpec.GuestMap m = g.maps().get(i);
            String mp = path + ".maps." + i;
            PageSize size = Pages.size(at, mp + ".pageSize", m.pageSize());
            if (m.bytes() % size.bytes() != 0) {
                throw at.fail(mp + ".bytes", ": " + m.bytes() + " is not a multiple of the page size " + size.bytes());
            }
            if (m.aliases() > 1 && (m.stride() < m.bytes() || m.stride() % size.bytes() != 0)) {
                throw at.fail(mp + ".aliasStride", ": " + m.aliasStride() + " must be a multiple of the page size "
                        + size.bytes() + " and at least bytes (" + m.bytes() + ") so aliases do not overlap");
            }
            for (int k = 0; k < m.aliases(); k++) {
                long iova = m.iova() + k * m.stride();
                at.ok(mp, "the guest mapping", table.mapRun(iova, m.gpa(), m.bytes() / size.bytes(), size, Pages.prot(m.prot())));
                at.ok(mp, "the guest invalidation", cp.invalidate(id, new InvalidateRequest.Range(iova, m.bytes(), false)));
            }
        }
        return table;
    }
}
