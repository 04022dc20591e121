package io.filterplayground.engine.report;

import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.scenario.Expectation;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A {@code test} run as JUnit XML, which CI systems show as test results: one test case per request
 * sent, failed with every unmet expectation, skipped when it has no {@code expect} block.
 */
public final class JUnitReport {
    private JUnitReport() {}

    public static void write(RunResult r, String suiteName, Writer out) throws XMLStreamException {
        List<List<String>> failures = new ArrayList<>();
        int failed = 0;
        int skipped = 0;
        for (RunResult.Sent s : r.sent()) {
            Expectation e = s.spec().expect();
            List<String> f = e == null ? null : Expectations.check(e, s.exchange(), r.logs());
            failures.add(f);
            if (f == null) {
                skipped++;
            } else if (!f.isEmpty()) {
                failed++;
            }
        }
        XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", suiteName);
        x.writeAttribute("tests", Integer.toString(r.sent().size()));
        x.writeAttribute("failures", Integer.toString(failed));
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", Integer.toString(skipped));
        x.writeAttribute("time", seconds(r.wallNanos()));
        for (int i = 0; i < r.sent().size(); i++) {
            RunResult.Sent s = r.sent().get(i);
            List<String> f = failures.get(i);
            x.writeCharacters("\n  ");
            x.writeStartElement("testcase");
            x.writeAttribute("classname", suiteName);
            x.writeAttribute("name", s.spec().name() + " (#" + s.exchange().index() + ")");
            x.writeAttribute("time", seconds(s.exchange().totalNanos()));
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
