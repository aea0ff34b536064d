package org.iommusim.core.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ArrayEntriesTest {
    @Test
    void entries_pairEachKeyWithTheValueAtItsIndex_inIndexOrder() {
        ArrayEntries<Integer> e = new ArrayEntries<>(new String[] {"b", "a", "c"}, i -> 10 * i);
        assertThat(e).hasSize(3).containsExactly(entry("b", 0), entry("a", 10), entry("c", 20));
    }

    @Test
    void iterator_pastTheLastEntryThrows_andTheEntriesAreReadOnly() {
        Iterator<Map.Entry<String, Integer>> it = new ArrayEntries<>(new String[] {"x"}, i -> 1).iterator();
        Map.Entry<String, Integer> only = it.next();
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> only.setValue(2)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void mapsBackedByIt_iterateTheirArraysInOrder() {
        SummaryTable t = new SummaryTable.Builder(2).add("z", 1, 0, 2, "ns", 3).add("y", 4, 3, 5, "ns", 3).build();
        assertThat(t.keySet()).containsExactly("z", "y");
        assertThat(t.values()).extracting(StatSummary::mean).containsExactly(1.0, 4.0);
        StatValue v = StatValue.builder("s", org.iommusim.core.stats.StatKind.TALLY, "ns", "d").field("mean", 2)
                .field("count", 5).build();
        assertThat(v.fields()).containsExactly(entry("mean", 2.0), entry("count", 5.0));
    }
}
