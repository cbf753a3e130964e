package dev.aiperf.maven;

import dev.aiperf.engine.api.model.CompareOptions;
import dev.aiperf.engine.api.model.ComparedMetric;
import dev.aiperf.engine.compare.ResultsFixture;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The goal's parameter handling and error mapping, on the committed integration-test fixtures. */
class CompareMojoTest {

    private static final Path FIXTURES = Path.of("src/it");

    @TempDir
    Path tmp;

    private CompareMojo mojo(String fixture) {
        CompareMojo mojo = new CompareMojo();
        mojo.baseline = FIXTURES.resolve(fixture).resolve("baseline").toFile();
        mojo.candidate = FIXTURES.resolve(fixture).resolve("candidate").toFile();
        mojo.outputDirectory = tmp.resolve("out").toFile();
        return mojo;
    }

    private static ComparedMetric metric(CompareOptions options, String key) {
        return options.metrics().stream().filter(m -> m.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void regressionFailsTheBuildNamingCellMetricAndValues() {
        CompareMojo mojo = mojo("compare-regression");

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("AIPerf compare: 1 regression(s) against the baseline")
                .hasMessageContaining("concurrency=8 request_latency_p99: 300.67 ms -> 360.33 ms (+19.8%");
        assertThat(tmp.resolve("out/compare_summary.md")).exists();
        assertThat(tmp.resolve("out/TEST-aiperf-compare.xml")).exists();
    }

    @Test
    void failOnRegressionFalseOnlyReports() throws Exception {
        CompareMojo mojo = mojo("compare-regression");
        mojo.failOnRegression = false;

        mojo.execute();

        assertThat(Files.readString(tmp.resolve("out/compare_summary.md"))).startsWith("## AIPerf compare: **REGRESSION**");
    }

    @Test
    void toleranceFromThePomOrPropertyCanAcceptTheChange() throws Exception {
        CompareMojo pom = mojo("compare-regression");
        Tolerance t = new Tolerance();
        t.setMetric("request_latency_p99");
        t.setPercent(25.0);
        pom.tolerances = List.of(t);
        pom.execute();

        CompareMojo property = mojo("compare-regression");
        property.tolerance = "request_latency_p99=25%,request_throughput_avg=3";
        property.execute();
        assertThat(metric(property.options(), "request_throughput_avg").tolerancePercent()).isEqualTo(3.0);
    }

    @Test
    void propertyToleranceOverridesThePomAndMetricsReplaceTheDefaults() {
        CompareMojo mojo = new CompareMojo();
        Tolerance t = new Tolerance();
        t.setMetric("request_latency_p99");
        t.setPercent(10.0);
        t.setFloor(4.0);
        mojo.tolerances = List.of(t);
        mojo.tolerance = "request_latency_p99=20";
        mojo.metrics = List.of("request_latency_p99,request_throughput_avg");
        mojo.alpha = 0.01;

        CompareOptions options = mojo.options();

        assertThat(options.metrics()).extracting(ComparedMetric::key)
                .containsExactly("request_latency_p99", "request_throughput_avg");
        assertThat(metric(options, "request_latency_p99").tolerancePercent()).isEqualTo(20.0);
        assertThat(metric(options, "request_latency_p99").absoluteFloor()).isEqualTo(4.0);
        assertThat(options.alpha()).isEqualTo(0.01);
    }

    @Test
    void badInputIsAnExecutionErrorWithTheEngineMessage() {
        CompareMojo missing = mojo("compare-regression");
        missing.baseline = tmp.resolve("nope").toFile();
        assertThatThrownBy(missing::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("baseline: directory " + tmp.resolve("nope") + " does not exist");

        CompareMojo unset = mojo("compare-regression");
        unset.baseline = null;
        assertThatThrownBy(unset::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("-Daiperf.baseline=DIR");

        CompareMojo typo = mojo("compare-regression");
        typo.tolerance = "request_latency_p99:10";
        assertThatThrownBy(typo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("must be written METRIC=VALUE");

        CompareMojo incompatible = mojo("compare-regression");
        incompatible.baseline = new File(FIXTURES.resolve("compare-regression/baseline/profile_runs/trial_0001")
                .toString());
        incompatible.candidate = FIXTURES.resolve("compare-improvement/candidate/profile_runs/trial_0001/concurrency_4")
                .toFile();
        assertThatThrownBy(incompatible::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("only in the baseline [concurrency=8]");
    }

    /** Keeps what the goal logs. */
    private static final class RecordingLog extends SystemStreamLog {
        final List<String> infos = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        @Override
        public void info(CharSequence content) {
            infos.add(content.toString());
        }

        @Override
        public void warn(CharSequence content) {
            warnings.add(content.toString());
        }
    }

    @Test
    void trialsLeftOutAreCountedAndLoggedAsWarnings() throws Exception {
        new ResultsFixture(tmp.resolve("base")).withRunStatus().cell(8, 30.0, 300, 302, 298, 900)
                .status(8, 3, "cancelled", "cancelled by the user");
        new ResultsFixture(tmp.resolve("cand")).withRunStatus().cell(8, 30.0, 301, 299, 300);
        CompareMojo mojo = new CompareMojo();
        mojo.baseline = tmp.resolve("base").toFile();
        mojo.candidate = tmp.resolve("cand").toFile();
        mojo.outputDirectory = tmp.resolve("out").toFile();
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);

        mojo.execute();

        assertThat(log.warnings)
                .containsExactly("left out: baseline concurrency=8 trial_0004: cancelled (cancelled by the user)");
        assertThat(log.infos).contains("Left out: 1 baseline trial (cancelled), 0 candidate trials  ");
        assertThat(Files.readString(tmp.resolve("out/compare_summary.md")))
                .contains("| concurrency=8 | request_latency_p99 (ms) | 300.00 ± 2.00 (n=3) |");
    }

    @Test
    void cellWithoutASuccessfulTrialIsAnExecutionErrorNamingWhy() {
        new ResultsFixture(tmp.resolve("base")).withRunStatus().cell(8, 30.0, 300, 302)
                .status(8, 0, "failed", "All 60 requests failed: connection_error x60")
                .status(8, 1, "failed", "All 60 requests failed: connection_error x60");
        new ResultsFixture(tmp.resolve("cand")).withRunStatus().cell(8, 30.0, 301, 299);
        CompareMojo mojo = new CompareMojo();
        mojo.baseline = tmp.resolve("base").toFile();
        mojo.candidate = tmp.resolve("cand").toFile();
        mojo.outputDirectory = tmp.resolve("out").toFile();

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("baseline: every trial of cell concurrency=8 was left out (trial_0001: failed"
                        + " (All 60 requests failed: connection_error x60); trial_0002: failed")
                .hasMessageContaining("-Daiperf.allowMissingCells=true");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void skipDoesNothing() throws Exception {
        CompareMojo mojo = mojo("compare-regression");
        mojo.skip = true;

        mojo.execute();

        assertThat(tmp.resolve("out")).doesNotExist();
    }
}
