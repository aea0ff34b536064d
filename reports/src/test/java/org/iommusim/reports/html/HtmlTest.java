package org.iommusim.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTest {
    @Test
    void escape_markupCharacters_becomeEntities() {
        assertThat(Html.escape("<a href=\"x\">Tom & 'Jerry'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
        assertThat(Html.escape("plain µs — ok")).isEqualTo("plain µs — ok");
    }

    @Test
    void elementsAndLinks_escapeTheirText() {
        String html = new Html().element("p", "warn", "1 < 2").link("a b\".html", "<x>").toString();
        assertThat(html).isEqualTo("<p class=\"warn\">1 &lt; 2</p><a href=\"a b&quot;.html\">&lt;x&gt;</a>");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|0",
        "42|42",
        "123456789|123,456,789",
        "1515.123|1,515",
        "3.14159|3.142",
        "0.012345|0.01235",
        "0.0000125|1.250e-05",
        "NaN|–",
    })
    void number_forPeople_fourSignificantDigits(double d, String text) {
        assertThat(Html.number(d)).isEqualTo(text);
    }
}
