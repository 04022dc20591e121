package io.filterplayground.engine.report;

import io.filterplayground.engine.RunResult;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A {@code test} run as JUnit XML, which CI systems show as test results: one test case per request
 * sent (or connection opened), failed with every unmet expectation, skipped when it has no {@code
 * expect} block.
 */
public final class JUnitReport {
    private JUnitReport() {}

    public static void write(RunResult r, String suiteName, Writer out) throws XMLStreamException {
        List<Expectations.Case> cases = Expectations.cases(r);
        long failed =
                cases.stream().filter(c -> c.failures() != null && !c.failures().isEmpty()).count();
        long skipped = cases.stream().filter(c -> c.failures() == null).count();
        XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", suiteName);
        x.writeAttribute("tests", Integer.toString(cases.size()));
        x.writeAttribute("failures", Long.toString(failed));
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", Long.toString(skipped));
        x.writeAttribute("time", seconds(r.wallNanos()));
        for (Expectations.Case c : cases) {
            List<String> f = c.failures();
            x.writeCharacters("\n  ");
            x.writeStartElement("testcase");
            x.writeAttribute("classname", suiteName);
            x.writeAttribute("name", c.name() + " (#" + c.index() + ")");
            x.writeAttribute("time", seconds(c.totalNanos()));
            if (f == null) {
                x.writeEmptyElement("skipped");
                x.writeAttribute("message", "no expect block");
            } else if (!f.isEmpty()) {
                x.writeStartElement("failure");
                x.writeAttribute("message", f.get(0));
                x.writeAttribute("type", "expectation");
                x.writeCharacters(String.join("\n", f));
                x.writeEndElement();
            }
            x.writeEndElement();
        }
        x.writeCharacters("\n");
        x.writeEndElement();
        x.writeCharacters("\n");
        x.writeEndDocument();
        x.flush();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.6f", nanos / 1e9);
    }
}
