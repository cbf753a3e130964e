package dev.aiperf.maven;

import dev.aiperf.engine.api.AIPerf;
import dev.aiperf.engine.api.model.CompareOptions;
import dev.aiperf.engine.api.model.ComparisonResult;
import dev.aiperf.engine.api.model.ConfigException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Gates a build on performance regressions: compares the current benchmark results with a baseline (e.g. the main
 * branch's artifacts), cell by cell and metric by metric, writes {@code compare_summary.md} (for a pull-request
 * comment) and {@code TEST-aiperf-compare.xml} (JUnit XML), and fails the build when a metric got significantly
 * worse beyond its tolerance. Only successful trials are compared: failed and cancelled ones are left out and logged
 * as warnings ({@code left out: baseline concurrency=8 trial_0002: cancelled (cancelled by the user)}).
 *
 * <pre>
 * mvn aiperf:compare -Daiperf.baseline=baseline-artifacts -Daiperf.tolerance=request_latency_p99=10
 * </pre>
 */
@Mojo(name = "compare", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class CompareMojo extends AbstractAIPerfMojo {

    /**
     * Directory holding the baseline results (any AIPerf artifacts layout: single run, multi-run or sweep; per-run
     * exports, or only the aggregates, or one {@code profile_export_aiperf_sweep.json} file), e.g.
     * {@code -Daiperf.baseline=baseline-artifacts} or {@code <baseline>${project.basedir}/perf-baseline</baseline>}.
     */
    @Parameter(property = "aiperf.baseline")
    File baseline;

    /**
     * Directory holding the results under test, e.g. {@code -Daiperf.candidate=target/aiperf}; by default where
     * {@code aiperf:profile} writes them.
     */
    @Parameter(property = "aiperf.candidate", defaultValue = "${project.build.directory}/aiperf")
    File candidate;

    /**
     * Per-metric tolerances in the POM, e.g.
     * {@code <tolerances><tolerance><metric>request_latency_p99</metric><percent>10</percent><floor>2</floor></tolerance></tolerances>}.
     * A metric that is not compared by default is added.
     */
    @Parameter
    List<Tolerance> tolerances = new ArrayList<>();

    /**
     * Per-metric tolerances in percent on the command line, comma-separated {@code metric=percent}, applied after
     * {@code <tolerances>}, e.g. {@code -Daiperf.tolerance=request_latency_p99=10,request_throughput_avg=3}.
     */
    @Parameter(property = "aiperf.tolerance")
    String tolerance;

    /**
     * The metrics compared, as {@code <tag>_<stat>}, replacing the defaults (request_throughput_avg,
     * output_token_throughput_avg, time_to_first_token_p99, inter_token_latency_p99, request_latency_p99,
     * request_error_rate_avg), e.g. {@code -Daiperf.metrics=request_latency_p50,request_throughput_avg}.
     */
    @Parameter(property = "aiperf.metrics")
    List<String> metrics = new ArrayList<>();

    /**
     * Significance level of Welch's t-test, used when both sides have at least two trials, e.g.
     * {@code -Daiperf.alpha=0.01} for fewer false alarms.
     */
    @Parameter(property = "aiperf.alpha", defaultValue = "0.05")
    double alpha = CompareOptions.DEFAULT_ALPHA;

    /**
     * Fails the build on a regression; with {@code -Daiperf.failOnRegression=false} regressions are only logged and
     * reported.
     */
    @Parameter(property = "aiperf.failOnRegression", defaultValue = "true")
    boolean failOnRegression = true;

    /**
     * Compares the common cells when a cell exists on one side only (or has no successful trial on one side),
     * instead of refusing the baseline, e.g. {@code -Daiperf.allowMissingCells=true} after adding a sweep value.
     */
    @Parameter(property = "aiperf.allowMissingCells", defaultValue = "false")
    boolean allowMissingCells;

    /**
     * Where {@code compare_summary.md} and {@code TEST-aiperf-compare.xml} are written, e.g.
     * {@code -Daiperf.compareOutputDirectory=target/perf-report}.
     */
    @Parameter(property = "aiperf.compareOutputDirectory", defaultValue = "${project.build.directory}/aiperf-compare")
    File outputDirectory;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (baseline == null) {
            throw new MojoExecutionException("aiperf:compare needs a baseline: set -Daiperf.baseline=DIR or"
                    + " <baseline> in the plugin configuration to the directory of the results to compare against");
        }
        if (candidate == null) {
            throw new MojoExecutionException("aiperf:compare needs the results to check: set -Daiperf.candidate=DIR");
        }
        CompareOptions options = options();
        ComparisonResult result = AIPerf.compare(baseline.toPath(), candidate.toPath(), options,
                (outputDirectory != null ? outputDirectory : candidate).toPath());
        for (String line : result.markdown().split("\n")) {
            getLog().info(line);
        }
        result.excluded().forEach(l -> getLog().warn("left out: " + l));
        getLog().info("Wrote " + result.files().get(0) + " and " + result.files().get(1));
        result.files().stream().skip(2).forEach(f -> getLog().info("Wrote " + f));
        if (!result.hasRegression()) {
            return;
        }
        String message = failureMessage(result);
        if (failOnRegression) {
            throw new MojoFailureException(message);
        }
        getLog().warn(message + " (not failing: aiperf.failOnRegression=false)");
    }

    /** The engine options from the POM and the {@code aiperf.*} properties. */
    CompareOptions options() {
        CompareOptions options = CompareOptions.defaults();
        List<String> keys = new ArrayList<>();
        for (String m : metrics == null ? List.<String>of() : metrics) {
            for (String part : m.split(",")) {
                if (!part.isBlank()) {
                    keys.add(part.trim());
                }
            }
        }
        if (!keys.isEmpty()) {
            options = options.withMetrics(keys);
        }
        for (Tolerance t : tolerances == null ? List.<Tolerance>of() : tolerances) {
            if (t.getMetric() == null || t.getMetric().isBlank()) {
                throw new ConfigException("<tolerances>: each <tolerance> needs a <metric>,"
                        + " e.g. <metric>request_latency_p99</metric>");
            }
            if (t.getPercent() != null) {
                options = options.withTolerance(t.getMetric(), t.getPercent());
            }
            if (t.getFloor() != null) {
                options = options.withAbsoluteFloor(t.getMetric(), t.getFloor());
            }
        }
        if (tolerance != null && !tolerance.isBlank()) {
            options = options.withTolerances(List.of(tolerance));
        }
        return options.withAlpha(alpha).withAllowMissingCells(allowMissingCells);
    }

    private static String failureMessage(ComparisonResult result) {
        StringBuilder sb = new StringBuilder("AIPerf compare: ").append(result.regressions().size())
                .append(" regression(s) against the baseline ").append(result.baseline()).append(':');
        for (ComparisonResult.Regression r : result.regressions()) {
            sb.append("\n  - ").append(r.line()).append(": ").append(r.reason());
        }
        return sb.append("\nSummary: ").append(result.files().get(0)).toString();
    }
}
