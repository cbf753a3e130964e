package dev.aiperf.cli;

import dev.aiperf.engine.api.AIPerf;
import dev.aiperf.engine.api.model.CompareOptions;
import dev.aiperf.engine.api.model.ComparisonResult;
import dev.aiperf.engine.api.model.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code aiperf compare}: the regression verdict of a candidate's results against a baseline's. Exit 2 on a
 * regression, 0 otherwise, 1 on bad input.
 */
@Command(
        name = "compare",
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 1,
        mixinStandardHelpOptions = true,
        description = {
                "Compare benchmark results with a baseline, per cell and metric.",
                "A regression is a worsening beyond the metric's tolerance that is significant by Welch's t-test"
                        + " (when both sides have >= 2 trials). Writes compare_summary.md,"
                        + " TEST-aiperf-compare.xml, the SVG charts the summary links, and report.html.",
                "Only successful trials are compared: failed and cancelled ones (run_status.json, was_cancelled, no"
                        + " completed request) are left out and listed as 'left out: ...'; a cell left without a"
                        + " successful trial on a side is bad input unless --allow-missing-cells.",
                "Exit codes: 0 no regression; 1 bad input; 2 regression."})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--baseline", required = true, paramLabel = "DIR",
            description = "Results to compare against, e.g. the main branch's artifacts directory (per-run exports,"
                    + " or only its profile_export_aiperf_aggregate.json / profile_export_aiperf_sweep.json).")
    Path baseline;

    @Option(names = "--candidate", required = true, paramLabel = "DIR",
            description = "Results under test, e.g. target/aiperf.")
    Path candidate;

    @Option(names = "--tolerance", paramLabel = "METRIC=PCT",
            description = "Allowed worsening in percent, e.g. request_latency_p99=10 (repeatable or comma-separated;"
                    + " '*=PCT' sets every metric). Default 5.")
    List<String> tolerances = new ArrayList<>();

    @Option(names = "--floor", paramLabel = "METRIC=VALUE",
            description = "Absolute change (display unit) below which nothing counts, e.g."
                    + " time_to_first_token_p99=2. Defaults: 1 ms for request latency and TTFT, 0.1 ms for"
                    + " inter-token latency, 0.1 points for the error rate.")
    List<String> floors = new ArrayList<>();

    @Option(names = "--metrics", split = ",", paramLabel = "METRIC",
            description = "Metrics to compare as <tag>_<stat>, replacing the defaults (request_throughput_avg,"
                    + " output_token_throughput_avg, time_to_first_token_p99, inter_token_latency_p99,"
                    + " request_latency_p99, request_error_rate_avg).")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--alpha", defaultValue = "0.05", paramLabel = "A",
            description = "Significance level of the t-test (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--allow-missing-cells",
            description = "Compare the common cells when a cell exists on one side only (or has no successful"
                    + " trial on one side), instead of refusing.")
    boolean allowMissingCells;

    @Option(names = "--output", paramLabel = "DIR",
            description = "Where to write compare_summary.md and TEST-aiperf-compare.xml (default: the candidate"
                    + " directory, or the directory of a candidate aggregate file).")
    Path output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            CompareOptions options = CompareOptions.defaults();
            if (!metrics.isEmpty()) {
                options = options.withMetrics(metrics);
            }
            options = options.withTolerances(tolerances).withAbsoluteFloors(floors).withAlpha(alpha)
                    .withAllowMissingCells(allowMissingCells);
            ComparisonResult result = AIPerf.compare(baseline, candidate, options, output);
            out.print(result.markdown());
            out.println();
            result.excluded().forEach(l -> out.println("left out: " + l));
            out.println("Wrote " + result.files().get(0) + " and " + result.files().get(1));
            result.files().stream().skip(2).forEach(f -> out.println("Wrote " + f));
            out.flush();
            if (result.hasRegression()) {
                err.println("aiperf compare: " + result.regressions().size() + " regression(s):");
                result.regressions().forEach(r -> err.println("  " + r.line()));
                err.flush();
                return ExitCodes.GATE_FAILED;
            }
            return ExitCodes.OK;
        } catch (ConfigException e) {
            err.println("aiperf compare: " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        } catch (UncheckedIOException e) {
            err.println("aiperf compare: " + e.getMessage() + ": " + e.getCause().getMessage());
            err.flush();
            return 1;
        }
    }
}
