package dev.aiperf.engine.api;

import dev.aiperf.engine.api.model.AggregateReport;
import dev.aiperf.engine.api.model.CellAggregate;
import dev.aiperf.engine.api.model.CompareOptions;
import dev.aiperf.engine.api.model.ComparisonResult;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.api.model.StatKeys;
import dev.aiperf.engine.compare.Comparison;
import dev.aiperf.engine.compare.ComparisonReport;
import dev.aiperf.engine.compare.ComparisonRow;
import dev.aiperf.engine.compare.ComparisonWriter;
import dev.aiperf.engine.compare.MarkdownSummary;
import dev.aiperf.engine.metrics.MetricTag;
import dev.aiperf.engine.report.ConsoleReport;
import dev.aiperf.engine.stats.Aggregates;
import dev.aiperf.engine.stats.AggregationException;
import dev.aiperf.engine.view.HtmlReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The engine's offline entry points, which work on artifact directories alone (copied, resumed or from another
 * day): recomputing the aggregates and comparing two sets of results. Benchmarks themselves are built with
 * {@link Benchmark#builder()}.
 */
public final class AIPerf {

    private AIPerf() {
    }

    /**
     * Recomputes every per-cell and sweep aggregate of {@code dir} from its run directories ({@code aiperf aggregate}).
     *
     * @param confidenceLevel level of the Student-t intervals, in (0, 1)
     * @param slaFilters      filters of the sweep aggregate's feasibility
     * @throws ConfigException when {@code dir} is not a directory, holds no run, or a file in it cannot be read
     */
    public static AggregateReport aggregate(Path dir, double confidenceLevel, List<SlaRule> slaFilters) {
        Aggregates.Report report;
        try {
            report = Aggregates.recompute(dir, confidenceLevel, slaFilters);
        } catch (AggregationException e) {
            throw new ConfigException("aggregate", e.getMessage());
        }
        StringBuilder tables = new StringBuilder();
        if (report.sweep() == null) {
            for (Map.Entry<String, CellAggregate> e : report.cells().entrySet()) {
                tables.append(ConsoleReport.cell(e.getKey().isEmpty() ? "Multi-run" : e.getKey(), e.getValue()));
            }
        } else {
            tables.append(ConsoleReport.sweep(report.sweep()));
        }
        Path sweepFile = report.written().stream().filter(p -> p.getFileName().toString()
                .startsWith("profile_export_aiperf_sweep")).findFirst().orElse(null);
        List<Path> written = new ArrayList<>(report.written());
        if (!report.written().isEmpty()) {
            written.add(HtmlReport.write(dir, dir, null));
        }
        return new AggregateReport(written, report.warnings(), report.cells(),
                report.sweep() == null ? null
                        : report.sweep().summary(sweepFile == null ? null : sweepFile.getParent()),
                tables.toString());
    }

    /**
     * Compares the results under {@code candidate} with those under {@code baseline}, cell by cell and metric by
     * metric, and writes {@code compare_summary.md}, {@code TEST-aiperf-compare.xml}, the charts the summary links
     * and {@code report.html} (the candidate's report with the verdicts) into {@code outputDir} ({@code aiperf
     * compare}).
     *
     * @param outputDir where the reports go; {@code null}: the candidate directory (or the directory of a candidate
     *                  aggregate file)
     * @throws ConfigException if a directory holds no results or the two are not comparable
     */
    public static ComparisonResult compare(Path baseline, Path candidate, CompareOptions options, Path outputDir) {
        ComparisonReport report = Comparison.compare(baseline, candidate, options);
        Path dir = outputDir != null ? outputDir
                : Files.isRegularFile(candidate) ? candidate.toAbsolutePath().getParent() : candidate;
        List<Path> files = new ArrayList<>(ComparisonWriter.write(report, dir));
        Path results = Files.isRegularFile(candidate) ? candidate.toAbsolutePath().getParent() : candidate;
        files.add(HtmlReport.write(results, dir, report));
        List<ComparisonResult.Regression> regressions = new ArrayList<>();
        List<String> lines = report.regressionLines();
        List<ComparisonRow> rows = report.regressions();
        for (int i = 0; i < rows.size(); i++) {
            regressions.add(new ComparisonResult.Regression(lines.get(i), rows.get(i).reason()));
        }
        return new ComparisonResult(report.baseline(), report.candidate(), regressions, report.rows().size(),
                MarkdownSummary.render(report), files, report.excluded());
    }

    /**
     * Writes {@code report.html} into {@code dir} from its artifacts alone ({@code aiperf report DIR}): one
     * self-contained page with charts (throughput vs latency, Pareto frontier, search trajectory, distributions,
     * a request timeline), SLA verdicts, configuration and environment; it opens offline (docs/REPORT.md).
     *
     * @return the file written
     * @throws ConfigException when {@code dir} does not exist, is not a directory or holds no results
     */
    public static Path report(Path dir) {
        return HtmlReport.write(dir, dir, null);
    }

    /** Every metric tag the engine reports, e.g. {@code time_to_first_token}. */
    public static List<String> metricTags() {
        return Arrays.stream(MetricTag.values()).map(MetricTag::tag).toList();
    }

    /** Every statistic computed per run for a per-request metric: {@code avg}, {@code min}, ..., {@code std}. */
    public static List<String> statKeys() {
        return StatKeys.ALL;
    }
}
