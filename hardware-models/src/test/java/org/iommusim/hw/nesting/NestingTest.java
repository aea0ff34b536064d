package org.iommusim.hw.nesting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.iommusim.hw.pagetable.LeafRef;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.pagetable.Pte;
import org.iommusim.hw.pagetable.RadixTable;
import org.iommusim.hw.pagetable.TableWork;
import org.iommusim.hw.physmem.PageAllocator;
import org.iommusim.hw.physmem.PhysicalMemory;
import org.iommusim.hw.shadow.ChangeSet;
import org.iommusim.hw.shadow.SyncWork;
import org.junit.jupiter.api.Test;

/** The registry and each strategy's declarations and host-side hooks, on their own. */
class NestingTest {
    /** Records what a hook asks of the host. */
    private static final class Recorder implements HostActions {
        final List<String> asked = new ArrayList<>();

        @Override
        public void invalidateAll() {
            asked.add("all");
        }

        @Override
        public void invalidateRange(long start, long end, int freedLevel) {
            asked.add(String.format("range %x-%x freed %d", start, end, freedLevel));
        }

        @Override
        public void passThrough() {
            asked.add("pass-through");
        }

        @Override
        public void shadowSynced(SyncWork work, ChangeSet changes) {
            asked.add("synced " + changes.allRanges().size() + " range(s), shadow writes " + work.shadow.ptesWritten);
        }

        @Override
        public void propagate(ChangeSet changes) {
            asked.add("propagate " + (changes.hasRemovals() ? "removals" : "additions"));
        }
    }

    private final PhysicalMemory mem = new PhysicalMemory();
    private final PageAllocator pool = new PageAllocator(1L << 40, 1L << 41);
    private final Recorder host = new Recorder();

    private TableContext context(boolean guestTable, RadixTable kernelTable) {
        RadixTable parent = RadixTable.create(mem, pool, 4);
        parent.map(0, 1L << 30, 1L << 32, 2, Prot.RW.mask(), true, new TableWork());
        return new TableContext(7, 4, guestTable, kernelTable, parent::lookup, mem, pool, new PhysicalMemory(),
                new PageAllocator(0, 1L << 40));
    }

    @Test
    void registry_configNames_areTheSchemaNames_andUnique() {
        for (Nesting n : Nesting.values()) {
            assertThat(n.configName()).isEqualTo(n.name().toLowerCase(Locale.ROOT));
        }
        assertThat(Arrays.stream(Nesting.values()).map(Nesting::configName)).doesNotHaveDuplicates()
                .containsExactly("none", "hardware", "software");
    }

    @Test
    void capabilities_sayWhoMayBeRootChildParentAndShadowPolicies() {
        assertThat(Nesting.NONE.capabilities()).isEqualTo(new Capabilities(true, false, true, true, false, 0));
        assertThat(Nesting.HARDWARE.capabilities()).isEqualTo(new Capabilities(false, true, false, false, false, 0));
        assertThat(Nesting.SOFTWARE.capabilities()).isEqualTo(new Capabilities(false, true, true, true, true, 1));
    }

    @Test
    void walkShapeAndFaults_onlyTheShadowIsAHostCopyTheHostClassifies() {
        assertThat(Nesting.NONE.walkShape()).isEqualTo(WalkShape.KERNEL_TABLE);
        assertThat(Nesting.HARDWARE.walkShape()).isEqualTo(WalkShape.NESTED);
        assertThat(Nesting.SOFTWARE.walkShape()).isEqualTo(WalkShape.SHADOW);
        assertThat(Arrays.stream(Nesting.values()).filter(n -> n.strategy().hostClassifiesFaults()))
                .containsExactly(Nesting.SOFTWARE);
    }

    @Test
    void singleStage_unmap_invalidatesEachRemovedRange_thenTellsChildren() {
        RadixTable kernel = RadixTable.create(mem, pool, 4);
        NestedTables t = Nesting.NONE.strategy().create(context(false, kernel));
        ChangeSet removed = new ChangeSet();
        removed.removed(0x1000, 0x3000);
        removed.removed(0x8000, 0x9000);
        TableWork work = new TableWork();

        t.kernelTableUnmapped(0x1000, 0x9000, removed, work, new SyncWork(), host);

        assertThat(t.walkedTable()).isSameAs(kernel);
        assertThat(host.asked).containsExactly("range 1000-3000 freed 0", "range 8000-9000 freed 0", "propagate removals");
    }

    @Test
    void singleStage_mapThatFreedTables_invalidatesItsRange() {
        NestedTables t = Nesting.NONE.strategy().create(context(false, RadixTable.create(mem, pool, 4)));
        TableWork work = new TableWork();
        work.tablesFreed = 1;
        work.highestLevelFreed = 1;

        t.kernelTableMapped(0, 1L << 21, work, host);

        assertThat(host.asked).containsExactly("range 0-200000 freed 1", "propagate additions");
    }

    @Test
    void hardware_rebindInvalidatesAll_firstBindDoesNot_invalidationPassesThrough() {
        NestedTables t = Nesting.HARDWARE.strategy().create(context(true, null));

        t.bound(0x5000, host);
        assertThat(host.asked).isEmpty();
        t.bound(0x6000, host);
        t.guestInvalidated(0, 0x1000, host);

        assertThat(t.boundRoot()).isEqualTo(0x6000);
        assertThat(t.walkedTable()).isNull();
        assertThat(host.asked).containsExactly("all", "pass-through");
    }

    @Test
    void hardware_parentChange_invalidatesAllOnlyForRemovals() {
        NestedTables t = Nesting.HARDWARE.strategy().create(context(true, null));
        ChangeSet added = new ChangeSet();
        added.added(0, 0x1000);
        ChangeSet removed = new ChangeSet();
        removed.removed(0, 0x1000);

        t.parentChanged(added, host);
        t.parentChanged(removed, host);

        assertThat(host.asked).containsExactly("all");
    }

    @Test
    void hardware_kernelTableHook_isRuledOutByItsCapabilities() {
        NestedTables t = Nesting.HARDWARE.strategy().create(context(true, null));

        assertThatThrownBy(() -> t.kernelTableMapped(0, 0x1000, new TableWork(), host))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("capabilities");
    }

    @Test
    void software_kernelTableMap_derivesTheShadowThroughTheParent() {
        RadixTable kernel = RadixTable.create(mem, pool, 4);
        kernel.map(0x10_0000, 0x10_2000, 0x2000, 1, Prot.RW.mask(), true, new TableWork());
        NestedTables t = Nesting.SOFTWARE.strategy().create(context(false, kernel));

        t.kernelTableMapped(0x10_0000, 0x10_2000, new TableWork(), host);

        LeafRef r = new LeafRef();
        assertThat(t.walkedTable()).isNotSameAs(kernel);
        assertThat(t.walkedTable().lookup(0x10_1000, r)).isTrue();
        assertThat(r.output(0x10_1000)).isEqualTo((1L << 32) + 0x3000);
        assertThat(Pte.perms(r.pte)).isEqualTo(Prot.RW.mask());
        assertThat(host.asked).containsExactly("synced 1 range(s), shadow writes 5");
        assertThat(t.reverseMapSize()).isPositive();
    }
}
