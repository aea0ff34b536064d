package org.iommusim.hw.ioasid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.junit.jupiter.api.Test;

/**
 * {@link ControlPlane#writeGuestWords} against {@link ControlPlane#writeGuestMemory} word by
 * word: the same memory, statistics and errors, and nothing written when the page does not
 * translate.
 */
class WriteGuestWordsTest {
    /** A parent mapping GPAs [0x1000, 0x5000) (one 4 KiB page read-only) and a software-nested child. */
    private static final class Side {
        final ControlPlane cp = new ControlPlane();
        final int root = cp.alloc(AllocSpec.root(4)).value();
        final int child = cp.alloc(AllocSpec.child(root, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4)).value();

        Side() {
            cp.map(root, 0x1000, 0x7000_0000L, 0x3000, Prot.RW, PageSize.SIZE_4K).value();
            cp.map(root, 0x4000, 0x7100_0000L, 0x1000, Prot.R, PageSize.SIZE_4K).value();
        }
    }

    @Test
    void randomRuns_sameMemoryStatsAndErrorsAsWordByWord() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        Side bulk = new Side();
        Side one = new Side();
        for (int op = 0; op < 200; op++) {
            long page = 0x1000L * rnd.nextInt(6); // pages 0 and 5 are not mapped
            int first = rnd.nextInt(512);
            int count = rnd.nextInt(512 - first + 1);
            long[] values = new long[count + 3];
            for (int i = 0; i < values.length; i++) {
                values[i] = rnd.nextInt(4) == 0 ? 0L : rnd.nextLong();
            }
            long gpa = page + 8L * first;
            OpError a = bulk.cp.writeGuestWords(bulk.child, gpa, values, 3, count);
            OpError b = null;
            for (int i = 0; i < count && b == null; i++) {
                Result<Effects> r = one.cp.writeGuestMemory(one.child, gpa + 8L * i, values[3 + i]);
                b = r.isOk() ? null : r.error();
            }
            String what = "seed " + seed + " op " + op;
            assertThat(String.valueOf(a)).as(what).isEqualTo(String.valueOf(b));
            assertThat(bulk.cp.fingerprint()).as(what).isEqualTo(one.cp.fingerprint());
            assertThat(bulk.cp.stats(bulk.child)).as(what).isEqualTo(one.cp.stats(one.child));
        }
    }

    @Test
    void untranslatedPage_errorAndNothingWritten() {
        Side s = new Side();
        long before = s.cp.fingerprint();
        OpError e = s.cp.writeGuestWords(s.child, 0x5008, new long[] {1, 2}, 0, 2);
        assertThat(e.errno()).isEqualTo(Errno.EFAULT);
        assertThat(e.toString()).contains("GPA 0x5008");
        assertThat(s.cp.fingerprint()).isEqualTo(before);
        assertThat(s.cp.stats(s.child).guestWrites()).isZero();
    }

    @Test
    void wordsBeyondThePage_refused() {
        Side s = new Side();
        assertThatThrownBy(() -> s.cp.writeGuestWords(s.child, 0x1ff8, new long[] {1, 2}, 0, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.cp.writeGuestWords(s.child, 0x1000, new long[] {1, 2}, 1, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
