package dev.aiperf.engine.compare;

import dev.aiperf.engine.api.model.CompareOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The SVG charts beside the Markdown summary: well-formed, one bar per compared value, linked from the summary. */
class CompareChartsTest {

    @TempDir
    Path tmp;

    private ComparisonReport regressedReport() {
        new ResultsFixture(tmp.resolve("base")).cell(10, 50.0, 100, 102, 98).cell(20, 90.0, 150, 152, 148);
        new ResultsFixture(tmp.resolve("cand")).cell(10, 50.0, 130, 128, 133).cell(20, 90.0, 151, 149, 150);
        return Comparison.compare(tmp.resolve("base"), tmp.resolve("cand"), CompareOptions.defaults());
    }

    @Test
    void writesAnOverviewAndOneChartPerMetricAndTheSummaryLinksEach() throws Exception {
        ComparisonReport report = regressedReport();

        List<Path> files = ComparisonWriter.write(report, tmp.resolve("out"));

        List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).contains("compare_delta.svg", "compare_request_latency_p99.svg",
                "compare_request_throughput_avg.svg");
        assertThat(names.stream().filter(n -> n.endsWith(".svg"))).hasSize(1 + 6);
        String md = Files.readString(files.get(0));
        for (String svg : names.stream().filter(n -> n.endsWith(".svg")).toList()) {
            assertThat(md).contains("](" + svg + ")");
        }
        assertThat(md).contains("![change of every cell and metric vs the baseline](compare_delta.svg)");
    }

    @Test
    void theOverviewHasOneBarPerRowColouredByItsVerdict() throws Exception {
        ComparisonReport report = regressedReport();

        Document svg = parse(CompareCharts.render(report).get(CompareCharts.DELTA_FILE));

        List<Element> bars = bars(svg);
        assertThat(bars).hasSize(report.rows().size());
        List<Element> red = bars.stream().filter(b -> b.getAttribute("fill").equals(CompareCharts.RED)).toList();
        assertThat(red).hasSize(1);
        assertThat(red.get(0).getTextContent()).contains("concurrency=10 request_latency_p99").contains("+30.3%");
        assertThat(Double.parseDouble(red.get(0).getAttribute("width"))).isGreaterThan(0);
    }

    @Test
    void aMetricChartShowsBaselineAndCandidateOfEveryCell() throws Exception {
        ComparisonReport report = regressedReport();

        Document svg = parse(CompareCharts.render(report).get("compare_request_latency_p99.svg"));

        List<Element> bars = bars(svg);
        assertThat(bars).extracting(b -> b.getTextContent()).containsExactly(
                "baseline concurrency=10: 100.00 ± 2.00", "candidate concurrency=10: 130.33 ± 2.52",
                "baseline concurrency=20: 150.00 ± 2.00", "candidate concurrency=20: 150.00 ± 1.00");
    }

    /** The bars are the rectangles with a tooltip; backgrounds, bands and legend swatches have none. */
    private static List<Element> bars(Document svg) {
        NodeList rects = svg.getElementsByTagName("rect");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < rects.getLength(); i++) {
            Element r = (Element) rects.item(i);
            if (r.getElementsByTagName("title").getLength() > 0) {
                out.add(r);
            }
        }
        return out;
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
