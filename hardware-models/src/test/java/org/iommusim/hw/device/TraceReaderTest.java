package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.hw.pagetable.Access;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The trace format: what parses (units, hex, header, comments, dir spellings) and, for each
 * class of malformed line, the message naming line number, field and what is allowed.
 */
class TraceReaderTest {
    @Test
    void wellFormedTrace_parsesUnitsHexHeaderAndComments() {
        Trace t = TraceReader.parse("""
                # recorded by hand
                time, device, pasid, iova, size, dir

                0,1,0,0x1000,4096,r
                1.5us,1,7,8192,64,write
                2ms,2,1048575,0X10,1,W
                """, "t.csv");
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.timePs(1)).isEqualTo(1_500_000);
        assertThat(t.timePs(2)).isEqualTo(2_000_000_000L);
        assertThat(t.iova(0)).isEqualTo(0x1000);
        assertThat(t.iova(2)).isEqualTo(0x10);
        assertThat(t.pasid(2)).isEqualTo(TraceReader.MAX_PASID);
        assertThat(t.access(0)).isEqualTo(Access.READ);
        assertThat(t.access(1)).isEqualTo(Access.WRITE);
        assertThat(t.access(2)).isEqualTo(Access.WRITE);
        assertThat(t.line(1)).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "too few fields    | 0,1,0,4096,r            | line  | expected 6 comma-separated fields time,device,pasid,iova,size,dir, got 5",
        "too many fields   | 0,1,0,4096,64,r,x       | line  | got 7",
        "time not a number | soon,1,0,4096,64,r      | time  | got 'soon'; allowed: a whole number of ps >= 0",
        "time bad unit     | 5min,1,0,4096,64,r      | time  | got '5min'; allowed:",
        "time negative     | -5,1,0,4096,64,r        | time  | got '-5'; allowed:",
        "time fractional ps| 1.5,1,0,4096,64,r       | time  | got '1.5'; allowed: a whole number of ps",
        "time decreasing   | 1ns,1,0,4096,64,r       | time  | got '1ns' (1000 ps), before the previous line's 2000 ps",
        "device negative   | 3ns,-1,0,4096,64,r      | device| got '-1'; allowed: an integer >= 0",
        "pasid too wide    | 3ns,1,1048576,4096,64,r | pasid | got '1048576'; allowed: an integer in [0, 1048575]",
        "iova not a number | 3ns,1,0,0xZZ,64,r       | iova  | got '0xZZ'; allowed: an integer >= 0, decimal or 0x-hexadecimal",
        "size zero         | 3ns,1,0,4096,0,r        | size  | got '0'; allowed: bytes, an integer in [1, 2147483647]",
        "size empty        | 3ns,1,0,4096,,r         | size  | got ''; allowed: bytes",
        "dir unknown       | 3ns,1,0,4096,64,rw      | dir   | got 'rw'; allowed: r, w, read, write",
    })
    void malformedLine_namesLineFieldAndWhatIsAllowed(String kind, String bad, String field, String message) {
        String text = "time,device,pasid,iova,size,dir\n2ns,1,0,0,64,r\n" + bad + "\n";
        assertThatThrownBy(() -> TraceReader.parse(text, "bad.csv"))
                .as(kind)
                .isInstanceOfSatisfying(TraceFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.source()).isEqualTo("bad.csv");
                })
                .hasMessageStartingWith("bad.csv line 3, field '" + field + "': ")
                .hasMessageContaining(message);
    }

    @Test
    void unknownDevice_namesFirstLineUsingIt() {
        Trace t = TraceReader.parse("0,1,0,0,64,r\n# gap\n5,9,0,0,64,r\n", "devs.csv");
        assertThatThrownBy(() -> new TraceReplay(new Simulator(), t, Map.of(), "devs.csv"))
                .isInstanceOf(TraceFormatException.class)
                .hasMessage("devs.csv line 1, field 'device': got '1'; allowed: the replay's devices []");
    }
}
