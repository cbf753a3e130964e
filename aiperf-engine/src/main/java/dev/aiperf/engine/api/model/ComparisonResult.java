package dev.aiperf.engine.api.model;

import java.nio.file.Path;
import java.util.List;

/**
 * The regression verdict of a candidate's results against a baseline's ({@code aiperf compare}).
 *
 * @param baseline     the baseline directory
 * @param candidate    the candidate directory
 * @param regressions  one entry per regressed cell and metric
 * @param rows         how many cell/metric rows were compared
 * @param markdown     the summary for a pull request ({@code compare_summary.md})
 * @param files        the files written: the Markdown summary and the JUnit XML report
 * @param excluded     trials left out of the comparison because they failed or were cancelled, one line each
 */
public record ComparisonResult(Path baseline, Path candidate, List<Regression> regressions, int rows,
                               String markdown, List<Path> files, List<String> excluded) {

    public ComparisonResult {
        regressions = List.copyOf(regressions);
        files = List.copyOf(files);
        excluded = List.copyOf(excluded);
    }

    /**
     * A metric of a cell that got significantly worse.
     *
     * @param line   {@code concurrency=10 request_latency_p99: 120.50 ms -> 140.20 ms (+16.3%, p=0.0012)}
     * @param reason why it counts, e.g. the tolerance and the test
     */
    public record Regression(String line, String reason) {
    }

    /** True when at least one metric regressed: the gate fails. */
    public boolean hasRegression() {
        return !regressions.isEmpty();
    }
}
