package dev.aiperf.engine.compare;

import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders a comparison as a JUnit XML test suite that CI systems display: one test case per cell × metric, a
 * regression is a failure with a message, a missing metric is skipped. The trials left out (failed or cancelled)
 * are counted per side in the properties {@code baseline.excluded_trials} and {@code candidate.excluded_trials}
 * and listed in the suite's {@code <system-out>}; they change no test count.
 */
public final class JUnitXmlReport {

    /** File name in the output directory (Surefire's {@code TEST-*.xml} pattern, so CI report collectors find it). */
    public static final String FILE_NAME = "TEST-aiperf-compare.xml";

    private JUnitXmlReport() {
    }

    public static String render(ComparisonReport report) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "aiperf-compare");
            xml.writeAttribute("tests", Integer.toString(report.rows().size()));
            xml.writeAttribute("failures", Integer.toString(report.regressions().size()));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", Integer.toString(report.rows(Verdict.MISSING).size()));
            xml.writeAttribute("time", "0");
            xml.writeCharacters("\n");
            xml.writeStartElement("properties");
            property(xml, "baseline", report.baseline().toString());
            property(xml, "candidate", report.candidate().toString());
            property(xml, "alpha", Double.toString(report.options().alpha()));
            property(xml, "baseline.excluded_trials",
                    Integer.toString(report.excluded(ComparisonReport.BASELINE).size()));
            property(xml, "candidate.excluded_trials",
                    Integer.toString(report.excluded(ComparisonReport.CANDIDATE).size()));
            xml.writeEndElement();
            xml.writeCharacters("\n");
            for (ComparisonRow r : report.rows()) {
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", "aiperf.compare." + (r.cell().isEmpty() ? "all runs" : r.cell()));
                xml.writeAttribute("name", r.metric().key());
                xml.writeAttribute("time", "0");
                if (r.verdict() == Verdict.REGRESSION) {
                    xml.writeStartElement("failure");
                    xml.writeAttribute("message", ComparisonReport.line(r));
                    xml.writeAttribute("type", "regression");
                    xml.writeCharacters(r.reason());
                    xml.writeEndElement();
                } else if (r.verdict() == Verdict.MISSING) {
                    xml.writeEmptyElement("skipped");
                    xml.writeAttribute("message", r.reason());
                } else {
                    xml.writeStartElement("system-out");
                    xml.writeCharacters(r.verdict() + ": " + ComparisonReport.line(r) + "; " + r.reason());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            if (!report.exclusions().isEmpty()) {
                xml.writeStartElement("system-out");
                xml.writeCharacters("Left out: " + report.exclusionSummary() + "\n");
                for (String line : report.excluded()) {
                    xml.writeCharacters("left out: " + line + "\n");
                }
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot render the JUnit XML report", e);
        }
        return out.toString();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value);
    }
}
