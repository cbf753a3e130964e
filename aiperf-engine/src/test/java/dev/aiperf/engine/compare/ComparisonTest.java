package dev.aiperf.engine.compare;

import dev.aiperf.engine.api.model.CompareOptions;
import dev.aiperf.engine.api.model.ComparedMetric;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.MetricDirection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComparisonTest {

    @TempDir
    Path tmp;

    private final CompareOptions defaults = CompareOptions.defaults();

    private static ComparisonRow row(ComparisonReport report, String cell, String metric) {
        return report.rows().stream().filter(r -> r.cellKey().equals(cell) && r.metric().key().equals(metric))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + cell + " " + metric));
    }

    @Test
    void significantWorseningBeyondToleranceIsARegression() {
        new ResultsFixture(tmp.resolve("base")).cell(10, 50.0, 100, 102, 98).cell(20, 90.0, 150, 152, 148);
        new ResultsFixture(tmp.resolve("cand")).cell(10, 50.0, 130, 128, 133).cell(20, 90.0, 151, 149, 150);

        ComparisonReport report = Comparison.compare(tmp.resolve("base"), tmp.resolve("cand"), defaults);

        ComparisonRow latency = row(report, "concurrency=10", "request_latency_p99");
        assertThat(latency.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(latency.baselineMean()).isEqualTo(100.0);
        assertThat(latency.candidateMean()).isEqualTo(130.333, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(latency.deltaPercent()).isEqualTo(30.333, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(latency.pValue()).isLessThan(0.001);
        assertThat(latency.baselineTrials()).isEqualTo(3);
        assertThat(latency.unit()).isEqualTo("ms");
        assertThat(row(report, "concurrency=20", "request_latency_p99").verdict()).isEqualTo(Verdict.NO_CHANGE);
        assertThat(row(report, "concurrency=10", "request_throughput_avg").verdict()).isEqualTo(Verdict.NO_CHANGE);
        assertThat(report.hasRegression()).isTrue();
        assertThat(report.overall()).isEqualTo(Verdict.REGRESSION);
        assertThat(report.regressionLines()).containsExactly(
                "concurrency=10 request_latency_p99: 100.00 ms -> 130.33 ms (+30.3%, p="
                        + Format.pValue(latency.pValue()) + ")");
    }

    @Test
    void throughputDropIsARegressionAndLatencyDropIsAnImprovement() {
        new ResultsFixture(tmp.resolve("base")).cell(10, new double[] {50, 51, 49}, new double[] {100, 102, 98});
        new ResultsFixture(tmp.resolve("cand")).cell(10, new double[] {40, 41, 39}, new double[] {80, 79, 81});

        ComparisonReport report = Comparison.compare(tmp.resolve("base"), tmp.resolve("cand"), defaults);

        assertThat(row(report, "concurrency=10", "request_throughput_avg").verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(row(report, "concurrency=10", "output_token_throughput_avg").verdict())
                .isEqualTo(Verdict.REGRESSION);
        assertThat(row(report, "concurrency=10", "request_latency_p99").verdict()).isEqualTo(Verdict.IMPROVEMENT);
    }

    @Test
    void improvementIsNotFlagged() {
        new ResultsFixture(tmp.resolve("base")).cell(10, new double[] {50, 51, 49}, new double[] {100, 102, 98});
        new ResultsFixture(tmp.resolve("cand")).cell(10, new double[] {60, 61, 59}, new double[] {80, 79, 81});

        ComparisonReport report = Comparison.compare(tmp.resolve("base"), tmp.resolve("cand"), defaults);

        assertThat(report.hasRegression()).isFalse();
        assertThat(report.overall()).isEqualTo(Verdict.IMPROVEMENT);
        assertThat(row(report, "concurrency=10", "request_throughput_avg").verdict()).isEqualTo(Verdict.IMPROVEMENT);
        assertThat(row(report, "concurrency=10", "request_latency_p99").verdict()).isEqualTo(Verdict.IMPROVEMENT);
        assertThat(row(report, "concurrency=10", "request_error_rate_avg").verdict()).isEqualTo(Verdict.NO_CHANGE);
    }

    @Test
    void differenceBeyondToleranceButWithinTheNoiseIsNotFlagged() {
        new ResultsFixture(tmp.resolve("base")).cell(10, 50.0, 90, 110, 100);
        new ResultsFixture(tmp.resolve("cand")).cell(10, 50.0, 98, 125, 100);

        ComparisonReport report = Comparison.compare(tmp.resolve("base"), tmp.resolve("cand"), defaults);

        ComparisonRow latency = row(report, "concurrency=10", "request_latency_p99");
        assertThat(latency.deltaPercent()).isGreaterThan(5.0);
        assertThat(latency.pValue()).isGreaterThan(0.05);
        assertThat(latency.verdict()).isEqualTo(Verdict.NO_CHANGE);
        assertThat(latency.reason()).contains("not significant");
    }

    @Test
    void twoSamplesOfTheSameDistributionGiveNoRegression() {
        Random rng = new Random(11);
        double[][] sides = new double[4][5];
        for (int s = 0; s < sides.length; s++) {
            for (int i = 0; i < sides[s].length; i++) {
                sides[s][i] = s % 2 == 0 ? 50 + rng.nextGaussian() : 100 + rng.nextGaussian() * 10;
            }
        }
        new ResultsFixture(tmp.resolve("base")).cell(10, sides[0], sides[1]);
        new ResultsFixture(tmp.resolve("cand")).cell(10, sides[2], sides[3]);

        ComparisonReport report = Comparison.compare(tmp.resolve("base"), tmp.resolve("cand"), defaults);

        assertThat(report.rows()).isNotEmpty().allSatisfy(r -> assertThat(r.verdict()).isEqualTo(Verdict.NO_CHANGE));
        ComparisonRow latency = row(report, "concurrency=10", "request_latency_p99");
        assertThat(latency.tested()).isTrue();
        assertThat(Math.abs(latency.deltaPercent())).as("noise alone moves the mean beyond the 5%% tolerance")
                .isGreaterThan(5.0);
    }

    @Test
    void falseAlarmRateOnPureNoiseStaysBelowAlpha() {
        Random rng = new Random(2024);
        ComparedMetric latency = ComparedMetric.parse("request_latency_p99");
        int trials = 2000;
        int tested = 0;
        int toleranceOnly = 0;
        for (int k = 0; k < trials; k++) {
            double[] b = {100 + rng.nextGaussian() * 10, 100 + rng.nextGaussian() * 10, 100 + rng.nextGaussian() * 10};
            double[] c = {100 + rng.nextGaussian() * 10, 100 + rng.nextGaussian() * 10, 100 + rng.nextGaussian() * 10};
            if (Comparison.judge("", "", latency, "ms", b, c, 0.05, false, false).verdict() == Verdict.REGRESSION) {
                tested++;
            }
            if (Comparison.judge("", "", latency, "ms", new double[] {b[0]}, new double[] {c[0]}, 0.05, false, false)
                    .verdict() == Verdict.REGRESSION) {
                toleranceOnly++;
            }
        }
        // Two-sided alpha 0.05 flags a worsening at most 2.5% of the time; the tolerance alone, on 10% noise,
        // flags far more: that is why both sides need at least two trials for a trustworthy gate.
        assertThat(tested / (double) trials).isLessThan(0.035);
        assertThat(toleranceOnly / (double) trials).isGreaterThan(0.25);
    }

    @Test
    void singleTrialFallsBackToTheToleranceAlone() {
        new ResultsFixture(tmp.resolve("base")).cell(null, 50.0, 100);
        new ResultsFixture(tmp.resolve("worse")).cell(null, 50.0, 110);
        new ResultsFixture(tmp.resolve("within")).cell(null, 50.0, 104);

        ComparisonReport worse = Comparison.compare(tmp.resolve("base"), tmp.resolve("worse"), defaults);
        ComparisonReport within = Comparison.compare(tmp.resolve("base"), tmp.resolve("within"), defaults);

        ComparisonRow r = row(worse, "", "request_latency_p99");
        assertThat(r.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(r.tested()).isFalse();
        assertThat(r.reason()).contains("tolerance only");
        assertThat(r.cell()).isEqualTo("all runs");
        assertThat(row(within, "", "request_latency_p99").verdict()).isEqualTo(Verdict.NO_CHANGE);
        assertThat(Comparison.compare(tmp.resolve("base"), tmp.resolve("worse"),
                defaults.withTolerance("request_latency_p99", 15)).hasRegression()).isFalse();
    }

    @Test
    void absoluteFloorIgnoresLargeRelativeChangesOfTinyValues() {
        ComparedMetric ttft = ComparedMetric.parse("time_to_first_token_p99");
        ComparisonRow small = Comparison.judge("", "", ttft, "ms", new double[] {2.0}, new double[] {2.6}, 0.05,
                false, false);
        ComparisonRow large = Comparison.judge("", "", ttft, "ms", new double[] {2.0}, new double[] {3.5}, 0.05,
                false, false);

        assertThat(small.deltaPercent()).isEqualTo(30.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(small.verdict()).isEqualTo(Verdict.NO_CHANGE);
        assertThat(large.verdict()).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void errorRateRisingFromZeroIsARegression() {
        ComparedMetric errors = ComparedMetric.parse("request_error_rate_avg");
        ComparisonRow row = Comparison.judge("", "", errors, "%", new double[] {0, 0, 0}, new double[] {5, 6, 5},
                0.05, false, false);

        assertThat(row.deltaPercent()).isInfinite();
        assertThat(row.verdict()).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void repeatedAndIndependentLayoutsMatchCellByValue() {
        new ResultsFixture(tmp.resolve("base")).cell(10, 50.0, 100, 101).cell(20, 80.0, 150, 151);
        new ResultsFixture(tmp.resolve("cand")).independent().cell(10.0, 50.0, 100, 101).cell(20.0, 80.0, 150, 151);

        ComparisonReport report = Comparison.compare(tmp.resolve("base"), tmp.resolve("cand"), defaults);

        assertThat(report.rows()).extracting(ComparisonRow::cellKey).containsOnly("concurrency=10", "concurrency=20");
        assertThat(report.rows(Verdict.MISSING)).isEmpty();
        assertThat(report.overall()).isEqualTo(Verdict.NO_CHANGE);
    }

    @Test
    void differentCellsAreRefusedUnlessAllowed() {
        new ResultsFixture(tmp.resolve("base")).cell(10, 50.0, 100, 101).cell(20, 80.0, 150, 151);
        new ResultsFixture(tmp.resolve("cand")).cell(10, 50.0, 100, 101).cell(40, 90.0, 200, 201);

        assertThatThrownBy(() -> Comparison.compare(tmp.resolve("base"), tmp.resolve("cand"), defaults))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("only in the baseline [concurrency=20]")
                .hasMessageContaining("only in the candidate [concurrency=40]")
                .hasMessageContaining("--allow-missing-cells");

        ComparisonReport report = Comparison.compare(tmp.resolve("base"), tmp.resolve("cand"),
                defaults.withAllowMissingCells(true));
        assertThat(row(report, "concurrency=20", "request_latency_p99").verdict()).isEqualTo(Verdict.MISSING);
        assertThat(row(report, "concurrency=40", "request_latency_p99").reason()).isEqualTo("cell not in the baseline");
        assertThat(row(report, "concurrency=10", "request_latency_p99").verdict()).isEqualTo(Verdict.NO_CHANGE);
        assertThat(report.hasRegression()).isFalse();
    }

    @Test
    void differentWorkloadIsRefusedNamingTheDifference() {
        new ResultsFixture(tmp.resolve("base")).cell(10, 50.0, 100, 101);
        new ResultsFixture(tmp.resolve("cand")).endpointType("completions").requests(200).cell(10, 50.0, 100, 101);

        assertThatThrownBy(() -> Comparison.compare(tmp.resolve("base"), tmp.resolve("cand"), defaults))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("different workloads")
                .hasMessageContaining("endpoint.type: baseline \"chat\", candidate \"completions\"")
                .hasMessageContaining("phases[0].requests: baseline 100, candidate 200");
    }

    @Test
    void missingOrEmptyDirectoriesAreBadInput() {
        new ResultsFixture(tmp.resolve("base")).cell(10, 50.0, 100);
        assertThatThrownBy(() -> Comparison.compare(tmp.resolve("base"), tmp.resolve("nope"), defaults))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("candidate: directory " + tmp.resolve("nope") + " does not exist");
        java.io.File empty = tmp.resolve("empty").toFile();
        assertThat(empty.mkdir()).isTrue();
        assertThatThrownBy(() -> Comparison.compare(empty.toPath(), tmp.resolve("base"), defaults))
                .isInstanceOf(ConfigException.class).hasMessageContaining("baseline: no profile_export_aiperf.json");
    }

    @Test
    void optionsParseTolerancesAndRejectUnknownMetrics() {
        CompareOptions o = defaults.withTolerances(List.of("request_latency_p99=10%, request_throughput_avg=2"))
                .withAbsoluteFloors(List.of("request_latency_p99=3"));
        assertThat(o.metrics()).filteredOn(m -> m.key().equals("request_latency_p99")).singleElement()
                .satisfies(m -> {
                    assertThat(m.tolerancePercent()).isEqualTo(10.0);
                    assertThat(m.absoluteFloor()).isEqualTo(3.0);
                    assertThat(m.direction()).isEqualTo(MetricDirection.LOWER_IS_BETTER);
                });
        assertThat(defaults.withTolerance("*", 1).metrics()).allSatisfy(m -> assertThat(m.tolerancePercent()).isEqualTo(1));
        assertThat(defaults.withTolerance("time_to_first_token_p50", 7).metrics())
                .extracting(ComparedMetric::key).contains("time_to_first_token_p50");
        assertThatThrownBy(() -> defaults.withTolerances(List.of("request_latency_p99")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("METRIC=VALUE");
        assertThatThrownBy(() -> defaults.withTolerances(List.of("request_latency_p99=abc")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'abc' is not a number");
        assertThatThrownBy(() -> defaults.withMetrics(List.of("request_latency_p42")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("stat one of");
        assertThatThrownBy(() -> defaults.withMetrics(List.of("kv_cache_usage_avg")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no known direction for 'kv_cache_usage'");
        assertThatThrownBy(() -> defaults.withAlpha(1.5))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alpha must be between 0 and 1");
    }
}
