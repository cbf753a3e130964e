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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWritersTest {

    @TempDir
    Path tmp;

    private ComparisonReport regressedReport() {
        new ResultsFixture(tmp.resolve("base")).cell(10, 50.0, 100, 102, 98).cell(20, 90.0, 150, 152, 148);
        new ResultsFixture(tmp.resolve("cand")).cell(10, 50.0, 130, 128, 133).cell(20, 90.0, 151, 149, 150);
        return Comparison.compare(tmp.resolve("base"), tmp.resolve("cand"), CompareOptions.defaults());
    }

    @Test
    void markdownHasAVerdictLineAndOneRowPerCellAndMetric() {
        ComparisonReport report = regressedReport();

        String md = MarkdownSummary.render(report);

        List<String> lines = md.lines().toList();
        assertThat(lines.get(0)).isEqualTo("## AIPerf compare: **REGRESSION** (1 of 12 comparisons)");
        assertThat(md).contains("| Cell | Metric | Baseline | Candidate | Delta | p-value | Verdict |");
        assertThat(lines.stream().filter(l -> l.startsWith("| concurrency="))).hasSize(12);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(
                "| concurrency=10 | request_latency_p99 (ms) | 100.00 ± 2.00 (n=3) | 130.33 ± 2.52 (n=3) | +30.3% | ")
                .endsWith(" | **REGRESSION** |"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(
                "| concurrency=20 | request_latency_p99 (ms) | 150.00 ± 2.00 (n=3) | 150.00 ± 1.00 (n=3) | +0.0% | 1.0000 |")
                .endsWith("| no change |"));
        assertThat(md).contains("- **REGRESSION** concurrency=10 request_latency_p99: worse by 30.3%");
    }

    @Test
    void markdownSaysNoRegressionForASingleRunWithoutTest() {
        new ResultsFixture(tmp.resolve("b")).cell(null, 50.0, 100);
        new ResultsFixture(tmp.resolve("c")).cell(null, 50.0, 101);

        String md = MarkdownSummary.render(Comparison.compare(tmp.resolve("b"), tmp.resolve("c"),
                CompareOptions.defaults()));

        assertThat(md).startsWith("## AIPerf compare: **NO REGRESSION** (6 comparisons)");
        assertThat(md).contains("| all runs | request_latency_p99 (ms) | 100.00 (n=1) | 101.00 (n=1) | +1.0% | - | no change |");
    }

    @Test
    void junitXmlHasOneTestcasePerRowAndAFailurePerRegression() throws Exception {
        ComparisonReport report = regressedReport();

        List<Path> files = ComparisonWriter.write(report, tmp.resolve("out"));

        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("compare_summary.md", "TEST-aiperf-compare.xml");
        assertThat(Files.readString(files.get(0))).isEqualTo(MarkdownSummary.render(report));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(files.get(1).toFile());
        Element suite = doc.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("tests")).isEqualTo("12");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(12);
        NodeList failures = doc.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(1);
        Element failure = (Element) failures.item(0);
        Element failedCase = (Element) failure.getParentNode();
        assertThat(failedCase.getAttribute("classname")).isEqualTo("aiperf.compare.concurrency=10");
        assertThat(failedCase.getAttribute("name")).isEqualTo("request_latency_p99");
        assertThat(failure.getAttribute("message"))
                .startsWith("concurrency=10 request_latency_p99: 100.00 ms -> 130.33 ms (+30.3%, p=");
        assertThat(failure.getTextContent()).contains("worse by 30.3%");
    }

    @Test
    void junitXmlSkipsMissingMetrics() throws Exception {
        new ResultsFixture(tmp.resolve("base")).cell(10, 50.0, 100, 101).cell(20, 80.0, 150, 151);
        new ResultsFixture(tmp.resolve("cand")).cell(10, 50.0, 100, 101);
        ComparisonReport report = Comparison.compare(tmp.resolve("base"), tmp.resolve("cand"),
                CompareOptions.defaults().withAllowMissingCells(true));

        Path xml = ComparisonWriter.write(report, tmp.resolve("out")).get(1);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        assertThat(doc.getDocumentElement().getAttribute("skipped")).isEqualTo("6");
        assertThat(((Element) doc.getElementsByTagName("skipped").item(0)).getAttribute("message"))
                .isEqualTo("cell not in the candidate");
    }
}
