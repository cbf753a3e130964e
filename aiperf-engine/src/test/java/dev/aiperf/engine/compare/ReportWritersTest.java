package dev.aiperf.engine.compare;

import dev.aiperf.engine.api.model.CompareOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

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
                .startsWith("compare_summary.md", "TEST-aiperf-compare.xml", CompareCharts.DELTA_FILE);
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

    private ComparisonReport reportWithACancelledBaselineTrial() {
        new ResultsFixture(tmp.resolve("base")).withRunStatus().cell(10, 50.0, 100, 102, 98, 400)
                .cell(20, 90.0, 150, 152, 148, 149).status(10, 3, "cancelled", "cancelled by the user");
        new ResultsFixture(tmp.resolve("cand")).withRunStatus().cell(10, 50.0, 130, 128, 133)
                .cell(20, 90.0, 151, 149, 150);
        return Comparison.compare(tmp.resolve("base"), tmp.resolve("cand"), CompareOptions.defaults());
    }

    @Test
    void markdownCountsTheTrialsLeftOutUnderTheInputs() {
        ComparisonReport report = reportWithACancelledBaselineTrial();

        List<String> lines = MarkdownSummary.render(report).lines().toList();

        assertThat(lines.get(0)).isEqualTo("## AIPerf compare: **REGRESSION** (1 of 12 comparisons)");
        assertThat(lines.get(2)).startsWith("Baseline: `");
        assertThat(lines.get(3)).startsWith("Candidate: `");
        assertThat(lines.get(4)).isEqualTo("Left out: 1 baseline trial (cancelled), 0 candidate trials  ");
        assertThat(lines.get(5)).startsWith("A regression is a change worse than its tolerance");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(
                "| concurrency=10 | request_latency_p99 (ms) | 100.00 ± 2.00 (n=3) | 130.33 ± 2.52 (n=3) | +30.3% | "));
        assertThat(MarkdownSummary.render(regressedReportIn("clean"))).doesNotContain("Left out");
    }

    private ComparisonReport regressedReportIn(String dir) {
        new ResultsFixture(tmp.resolve(dir).resolve("base")).cell(10, 50.0, 100, 102, 98);
        new ResultsFixture(tmp.resolve(dir).resolve("cand")).cell(10, 50.0, 130, 128, 133);
        return Comparison.compare(tmp.resolve(dir).resolve("base"), tmp.resolve(dir).resolve("cand"),
                CompareOptions.defaults());
    }

    @Test
    void junitXmlCountsAndListsTheTrialsLeftOutWithoutChangingTheTests() throws Exception {
        ComparisonReport report = reportWithACancelledBaselineTrial();

        Path xml = ComparisonWriter.write(report, tmp.resolve("out")).get(1);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element suite = doc.getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("12");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("0");
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(12);
        NodeList properties = doc.getElementsByTagName("property");
        java.util.Map<String, String> byName = new java.util.HashMap<>();
        for (int i = 0; i < properties.getLength(); i++) {
            Element p = (Element) properties.item(i);
            byName.put(p.getAttribute("name"), p.getAttribute("value"));
        }
        assertThat(byName).containsEntry("baseline.excluded_trials", "1").containsEntry("candidate.excluded_trials", "0");
        Element last = (Element) suite.getElementsByTagName("system-out").item(
                suite.getElementsByTagName("system-out").getLength() - 1);
        assertThat(last.getParentNode()).isEqualTo(suite);
        assertThat(last.getTextContent()).isEqualTo("Left out: 1 baseline trial (cancelled), 0 candidate trials\n"
                + "left out: baseline concurrency=10 trial_0004: cancelled (cancelled by the user)\n");
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
