package org.iommusim.reports.html;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.owasp.encoder.Encode;

/**
 * The report page's Mustache templates ({@code iommusim/report/*.mustache} on the class path),
 * compiled once. Every {@code {{value}}} is encoded for HTML text and quoted attributes by the
 * OWASP Java Encoder; only the inline CSS and script, which are the build's own resources, and
 * the charts' {@code <svg>} elements (JFreeSVG's markup, whose text it escapes for XML: a chart
 * title cannot close the element or open a script; HtmlReportTest checks a hostile one) are
 * inserted raw ({@code {{{...}}}}). Thread-safe after construction.
 */
final class PageTemplate {
    private static final Mustache PAGE = new EncodingFactory().compile("report.mustache");

    private PageTemplate() {
    }

    /** Compiles the templates if they are not yet (the first use of this class does). */
    static void compile() {
        // PAGE is compiled when this class is initialised, which calling this method ensures
    }

    /** The page for {@code model} (a map of the template's names to values). */
    static String render(Object model) {
        StringWriter out = new StringWriter(64 * 1024);
        try {
            PAGE.execute(out, model).flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Templates from the report folder; values encoded with OWASP's HTML encoder. */
    private static final class EncodingFactory extends DefaultMustacheFactory {
        EncodingFactory() {
            super(PageAssets.FOLDER.substring(0, PageAssets.FOLDER.length() - 1));
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                Encode.forHtml(writer, value);
            } catch (IOException e) {
                throw new MustacheException("cannot write the report page", e);
            }
        }
    }
}
