package dev.aiperf.engine.compare;

import dev.aiperf.engine.api.model.CompareOptions;
import dev.aiperf.engine.api.model.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Failed and cancelled trials stay out of the comparison, and the report says which and why. */
class ComparisonExclusionsTest {

    @TempDir
    Path tmp;

    private final CompareOptions defaults = CompareOptions.defaults();

    private ComparisonReport compare(String baseline, String candidate) {
        return Comparison.compare(tmp.resolve(baseline), tmp.resolve(candidate), defaults);
    }

    private static ComparisonRow row(ComparisonReport report, String cell, String metric) {
        return report.rows().stream().filter(r -> r.cellKey().equals(cell) && r.metric().key().equals(metric))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + cell + " " + metric));
    }

    @Test
    void cancelledTrialWithAWildValueChangesNeitherTheVerdictNorThePValue() {
        new ResultsFixture(tmp.resolve("clean")).withRunStatus().cell(10, 50.0, 100, 102, 98);
        new ResultsFixture(tmp.resolve("counted")).withRunStatus().cell(10, 50.0, 100, 102, 98, 400);
        new ResultsFixture(tmp.resolve("cancelled")).withRunStatus().cell(10, 50.0, 100, 102, 98, 400)
                .status(10, 3, "cancelled", "cancelled by the user");
        new ResultsFixture(tmp.resolve("flagged")).cell(10, 50.0, 100, 102, 98, 400).wasCancelled(10, 3);
        new ResultsFixture(tmp.resolve("cand")).withRunStatus().cell(10, 50.0, 130, 128, 133);

        ComparisonReport clean = compare("clean", "cand");
        ComparisonReport counted = compare("counted", "cand");
        ComparisonReport cancelled = compare("cancelled", "cand");
        ComparisonReport flagged = compare("flagged", "cand");

        // Were the wild trial a measurement, it would hide the regression in its spread.
        assertThat(row(clean, "concurrency=10", "request_latency_p99").verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(row(counted, "concurrency=10", "request_latency_p99").verdict()).isNotEqualTo(Verdict.REGRESSION);
        assertThat(cancelled.rows()).isEqualTo(clean.rows());
        assertThat(flagged.rows()).isEqualTo(clean.rows());
        assertThat(row(cancelled, "concurrency=10", "request_latency_p99").baselineTrials()).isEqualTo(3);
        assertThat(cancelled.excluded())
                .containsExactly("baseline concurrency=10 trial_0004: cancelled (cancelled by the user)");
        assertThat(flagged.excluded()).containsExactly("baseline concurrency=10 trial_0004: cancelled");
        assertThat(clean.excluded()).isEmpty();
        assertThat(counted.excluded()).isEmpty();
    }

    @Test
    void failedTrialWhoseExportExistsIsLeftOutNamingTheError() {
        new ResultsFixture(tmp.resolve("base")).cell(null, 50.0, 100, 102, 98);
        new ResultsFixture(tmp.resolve("clean")).cell(null, 50.0, 101, 99, 100);
        new ResultsFixture(tmp.resolve("cand")).cell(null, 50.0, 101, 99, 5, 100)
                .status(null, 2, "failed", "All 200 requests failed: connection_error x200");

        ComparisonReport report = compare("base", "cand");

        assertThat(report.rows()).isEqualTo(compare("base", "clean").rows());
        assertThat(row(report, "", "request_latency_p99").candidateTrials()).isEqualTo(3);
        assertThat(report.excluded())
                .containsExactly("candidate run_0003: failed (All 200 requests failed: connection_error x200)");
        assertThat(report.exclusionSummary()).isEqualTo("0 baseline trials, 1 candidate trial (failed)");
    }

    @Test
    void trialWithoutACompletedRequestOrWithoutAnExportIsLeftOut() {
        new ResultsFixture(tmp.resolve("base")).cell(8, 50.0, 100, 102, 98, 97)
                .allRequestsFailed(8, 1, 200)
                .failedWithoutExport(8, 4, 5, "ConfigException: connection refused");
        new ResultsFixture(tmp.resolve("cand")).cell(8, 50.0, 100, 101, 99);

        ComparisonReport report = compare("base", "cand");

        assertThat(row(report, "concurrency=8", "request_latency_p99").baselineTrials()).isEqualTo(3);
        assertThat(row(report, "concurrency=8", "request_latency_p99").baselineMean())
                .isEqualTo((100 + 98 + 97) / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(report.excluded()).containsExactly(
                "baseline concurrency=8 trial_0002: failed (All 200 requests failed)",
                "baseline concurrency=8 trial_0005: failed (ConfigException: connection refused)");
        assertThat(report.exclusionSummary()).isEqualTo("2 baseline trials (failed), 0 candidate trials");
    }

    @Test
    void summaryCountsEachReasonPerSide() {
        new ResultsFixture(tmp.resolve("base")).withRunStatus().cell(8, 50.0, 100, 102, 98, 97, 99)
                .status(8, 1, "failed", "No requests completed").status(8, 2, "failed", "boom")
                .status(8, 4, "cancelled", "cancelled by the user");
        new ResultsFixture(tmp.resolve("cand")).withRunStatus().cell(8, 50.0, 100, 101, 99)
                .status(8, 0, "failed", "boom");

        ComparisonReport report = compare("base", "cand");

        assertThat(report.exclusionSummary())
                .isEqualTo("3 baseline trials (2 failed, 1 cancelled), 1 candidate trial (failed)");
        assertThat(report.excluded()).hasSize(4).first().asString().startsWith("baseline concurrency=8 trial_0002");
        assertThat(report.excluded()).last().asString().startsWith("candidate concurrency=8 trial_0001");
    }

    @Test
    void cellWithoutASuccessfulTrialIsAnErrorNamingSideCellAndReasons() {
        new ResultsFixture(tmp.resolve("base")).withRunStatus().cell(10, 50.0, 100, 102).cell(20, 80.0, 150, 151)
                .status(20, 0, "failed", "All 200 requests failed: connection_error x200")
                .status(20, 1, "cancelled", "cancelled by the user");
        new ResultsFixture(tmp.resolve("cand")).withRunStatus().cell(10, 50.0, 100, 101).cell(20, 80.0, 150, 152);

        assertThatThrownBy(() -> compare("base", "cand")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("baseline: every trial of cell concurrency=20 was left out (trial_0001: failed"
                        + " (All 200 requests failed: connection_error x200); trial_0002: cancelled (cancelled by the"
                        + " user))")
                .hasMessageContaining("re-run the benchmark")
                .hasMessageContaining("--allow-missing-cells");

        ComparisonReport allowed = Comparison.compare(tmp.resolve("base"), tmp.resolve("cand"),
                defaults.withAllowMissingCells(true));
        ComparisonRow missing = row(allowed, "concurrency=20", "request_latency_p99");
        assertThat(missing.verdict()).isEqualTo(Verdict.MISSING);
        assertThat(missing.reason()).isEqualTo("no successful trial in the baseline (2 left out: failed, cancelled)");
        assertThat(missing.candidateTrials()).isEqualTo(2);
        assertThat(row(allowed, "concurrency=10", "request_latency_p99").verdict()).isEqualTo(Verdict.NO_CHANGE);
        assertThat(allowed.excluded()).containsExactly(
                "baseline concurrency=20 trial_0001: failed (All 200 requests failed: connection_error x200)",
                "baseline concurrency=20 trial_0002: cancelled (cancelled by the user)");
        assertThat(allowed.hasRegression()).isFalse();
    }

    @Test
    void runsThatAllFailedWithoutExportsAreNamedRatherThanMissing() {
        new ResultsFixture(tmp.resolve("base")).cell(null, 50.0, 100, 102);
        new ResultsFixture(tmp.resolve("cand"))
                .failedWithoutExport(null, 0, 2, "All 200 requests failed: connection_error x200")
                .failedWithoutExport(null, 1, 2, "All 200 requests failed: connection_error x200");

        assertThatThrownBy(() -> compare("base", "cand")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("candidate: every trial was left out (run_0001: failed (All 200 requests"
                        + " failed: connection_error x200); run_0002: failed")
                .hasMessageEndingWith("nothing is left to compare there: re-run the benchmark")
                .hasMessageNotContaining("--allow-missing-cells");
        assertThatThrownBy(() -> Comparison.compare(tmp.resolve("base"), tmp.resolve("cand"),
                defaults.withAllowMissingCells(true))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("no cell has a successful trial on both sides: candidate: every trial was"
                        + " left out");
    }
}
