package dev.aiperf.engine.stats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.plan.RunInfo;
import dev.aiperf.engine.stats.SweepAggregate.Combination;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.aiperf.engine.stats.RunFixtures.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SweepAggregatorTest {

    private static RunSummary run(String label, Map<String, Object> values, int trial, double tput, double ttftP99,
                                  double latP99) {
        Map<String, MetricBlock> m = new LinkedHashMap<>();
        m.put("request_throughput", new MetricBlock("requests/sec", Map.of("avg", tput)));
        Map<String, Double> ttft = new LinkedHashMap<>();
        ttft.put("avg", ttftP99 / 2);
        ttft.put("min", ttftP99 / 4);
        ttft.put("max", ttftP99 * 1.1);
        ttft.put("p50", ttftP99 / 2);
        ttft.put("p99", ttftP99);
        ttft.put("count", 20.0);
        ttft.put("sum", ttftP99 * 10);
        if (ttftP99 > 0) {
            m.put("time_to_first_token", new MetricBlock("ms", ttft));
        }
        m.put("request_latency", new MetricBlock("ms", Map.of("avg", latP99 / 2, "p99", latP99)));
        m.put("request_count", new MetricBlock("requests", Map.of("avg", 20.0)));
        RunInfo info = new RunInfo("b", "s", 42, trial, "trial_%04d".formatted(trial + 1), label, 0, values, null);
        return RunSummary.ok(info.runLabel(), info, m);
    }

    private static SweepCell cell(int concurrency, double[] tput, double[] ttft, double[] lat) {
        Map<String, Object> values = Map.of("phases.profiling.concurrency", concurrency);
        String label = "phases.profiling.concurrency=" + concurrency;
        List<RunSummary> runs = new ArrayList<>();
        for (int t = 0; t < tput.length; t++) {
            runs.add(run(label, values, t, tput[t], ttft[t], lat[t]));
        }
        return new SweepCell(label, values, "concurrency_" + concurrency, runs);
    }

    private static List<SweepCell> threeCells() {
        return List.of(
                cell(10, new double[] {100, 102, 98}, new double[] {80, 82, 78}, new double[] {200, 210, 190}),
                cell(20, new double[] {180, 182, 178}, new double[] {120, 125, 115}, new double[] {300, 310, 290}),
                // 30 is dominated by 20: less throughput, more latency
                cell(30, new double[] {170, 172, 168}, new double[] {150, 152, 148}, new double[] {400, 410, 390}));
    }

    @Test
    void multiTrialBlocksCarrySeAndTCritical() {
        SweepAggregate a = new SweepAggregator(SweepOptions.defaults()).aggregate(threeCells());
        Combination c = a.combinations().get(0);
        Map<String, Object> b = c.metrics().get("request_throughput_avg");
        assertThat(b).containsOnlyKeys("mean", "std", "min", "max", "cv", "se", "ci_low", "ci_high", "t_critical", "unit");
        assertThat((double) b.get("mean")).isEqualTo(100.0);
        assertThat((double) b.get("std")).isEqualTo(2.0);
        assertThat((double) b.get("se")).isCloseTo(2 / Math.sqrt(3), within(1e-12));
        assertThat((double) b.get("t_critical")).isCloseTo(4.302653, within(1e-6));
        // nested block: stat -> mean across trials
        assertThat(c.metrics().get("time_to_first_token")).containsEntry("p99", 80.0).containsEntry("unit", "ms");
        assertThat(a.numTrialsPerValue()).isEqualTo(3);
        assertThat(a.numProfileRuns()).isEqualTo(9);
    }

    @Test
    void bestConfigurationsAndParetoOnTtft() {
        SweepAggregate a = new SweepAggregator(SweepOptions.defaults()).aggregate(threeCells());
        assertThat(a.best().get("best_throughput").parameters()).containsEntry("concurrency", 20);
        assertThat(a.best().get("best_throughput").metric()).isEqualTo(180.0);
        assertThat(a.best().get("best_throughput").unit()).isEqualTo("requests/sec");
        assertThat(a.best().get("best_latency_p99").parameters()).containsEntry("concurrency", 10);
        assertThat(a.best().get("best_latency_p99").metricKey()).isEqualTo("time_to_first_token_p99");
        assertThat(a.paretoOptimal()).containsExactly(Map.of("concurrency", 10), Map.of("concurrency", 20));
        assertThat(a.sweepParameters()).hasSize(1);
        assertThat(a.sweepParameters().get(0).name()).isEqualTo("concurrency");
        assertThat(a.sweepParameters().get(0).values()).containsExactly(10, 20, 30);
        assertThat(a.numCombinations()).isEqualTo(3);
    }

    @Test
    void latencyFallsBackToRequestLatencyWhenTtftIsMissingSomewhere() {
        List<SweepCell> cells = new ArrayList<>(threeCells());
        // a non-streaming cell: no TTFT, so request_latency_p99 decides
        cells.set(2, cell(30, new double[] {250, 250}, new double[] {0, 0}, new double[] {150, 150}));
        SweepAggregate a = new SweepAggregator(SweepOptions.defaults()).aggregate(cells);
        assertThat(a.latencyKey()).isEqualTo("request_latency_p99");
        assertThat(a.best().get("best_latency_p99").parameters()).containsEntry("concurrency", 30);
        assertThat(a.paretoOptimal()).containsExactly(Map.of("concurrency", 30));
    }

    @Test
    void slaFiltersRestrictBestAndPareto() {
        SlaRule ttft = SlaRule.parse("time_to_first_token:p99:lt:130");
        SweepAggregate a = new SweepAggregator(new SweepOptions(0.95, "repeated", List.of(ttft), null))
                .aggregate(threeCells());
        assertThat(a.combinations()).extracting(Combination::feasible).containsExactly(true, true, false);
        assertThat(a.sla().feasibleCount()).isEqualTo(2);
        assertThat(a.sla().infeasibleCount()).isEqualTo(1);

        SlaRule tight = SlaRule.parse("time_to_first_token:p99:lt:100");
        SweepAggregate b = new SweepAggregator(new SweepOptions(0.95, "repeated", List.of(tight), null))
                .aggregate(threeCells());
        assertThat(b.best().get("best_throughput").parameters()).containsEntry("concurrency", 10);
        assertThat(b.paretoOptimal()).containsExactly(Map.of("concurrency", 10));

        SlaRule impossible = SlaRule.parse("time_to_first_token:p99:lt:1");
        SweepAggregate c = new SweepAggregator(new SweepOptions(0.95, "repeated", List.of(impossible), null))
                .aggregate(threeCells());
        assertThat(c.sla().feasibleCount()).isZero();
        assertThat(c.best().get("best_throughput").parameters()).as("falls back to all cells")
                .containsEntry("concurrency", 20);
        assertThat(c.paretoOptimal()).as("Pareto uses feasible cells only").isEmpty();

        SlaRule missing = SlaRule.parse("goodput:avg:gt:1");
        SweepAggregate d = new SweepAggregator(new SweepOptions(0.95, "repeated", List.of(missing), null))
                .aggregate(threeCells());
        assertThat(d.sla().feasibleCount()).as("a missing metric fails").isZero();
    }

    @Test
    void slaLookupOrder() {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        m.put("a_p99", Map.of("mean", 1.0));
        m.put("a", Map.of("p99", 2.0, "mean", 3.0));
        m.put("b", Map.of("p99", 4.0, "mean", 5.0));
        m.put("c", Map.of("mean", 6.0));
        Combination c = new Combination("x", Map.of(), Map.of(), null, 1, 1, m, null);
        assertThat(SweepAggregator.slaValue(c, "a", "p99")).hasValue(1.0);
        assertThat(SweepAggregator.slaValue(c, "b", "p99")).hasValue(4.0);
        assertThat(SweepAggregator.slaValue(c, "c", "p99")).hasValue(6.0);
        assertThat(SweepAggregator.slaValue(c, "d", "p99")).isEmpty();
    }

    @Test
    void singleTrialCellsArePointEstimates() throws Exception {
        SweepAggregate a = new SweepAggregator(SweepOptions.defaults()).aggregate(List.of(
                cell(10, new double[] {100}, new double[] {80}, new double[] {200}),
                cell(20, new double[] {150}, new double[] {90}, new double[] {250})));
        Map<String, Object> nested = a.combinations().get(0).metrics().get("time_to_first_token");
        assertThat(nested).containsEntry("mean", 40.0).containsEntry("avg", 40.0).containsEntry("std", 0.0)
                .containsEntry("cv", 0.0).containsEntry("ci_low", 40.0).containsEntry("ci_high", 40.0)
                .containsEntry("p99", 80.0).containsEntry("count", 20.0).containsEntry("min", 20.0)
                .containsEntry("unit", "ms");
        assertThat(a.combinations().get(0).metrics().get("time_to_first_token_p99"))
                .containsOnlyKeys("mean", "std", "min", "max", "cv", "ci_low", "ci_high", "unit")
                .containsEntry("mean", 80.0).containsEntry("min", 80.0).containsEntry("max", 80.0);
        assertThat(a.paretoOptimal()).hasSize(2);
        JsonNode json = MAPPER.readTree(SweepAggregateWriter.json(a));
        assertThat(json.path("metadata").path("num_trials_per_value").asInt()).isEqualTo(1);
    }

    @Test
    void leafNamesUnlessTheyCollide() {
        Map<String, Object> v1 = new LinkedHashMap<>();
        v1.put("datasets.main.prompts.isl.mean", 128);
        v1.put("phases.profiling.concurrency", 4);
        v1.put("variables.isl.mean", 1);
        RunInfo info = new RunInfo("b", "s", 1, 0, "trial_0001", "x", 0, v1, null);
        RunSummary r = RunSummary.ok("trial_0001", info,
                Map.of("request_throughput", new MetricBlock("requests/sec", Map.of("avg", 1.0))));
        SweepAggregate a = new SweepAggregator(SweepOptions.defaults()).aggregate(List.of(
                new SweepCell("x", v1, null, List.of(r))));
        assertThat(a.combinations().get(0).parameters()).containsOnlyKeys(
                "datasets.main.prompts.isl.mean", "concurrency", "variables.isl.mean");
    }

    @Test
    void failedRunsAndCellsAreListedButNotAggregated() {
        List<SweepCell> cells = new ArrayList<>(threeCells());
        SweepCell c10 = cells.get(0);
        List<RunSummary> runs = new ArrayList<>(c10.runs());
        runs.add(RunSummary.failed("trial_0004", runs.get(0).runInfo(), "Connection timeout"));
        cells.set(0, new SweepCell(c10.label(), c10.values(), c10.dirName(), runs));
        RunInfo dead = new RunInfo("b", "s", 1, 0, "trial_0001", "phases.profiling.concurrency=40", 3,
                Map.of("phases.profiling.concurrency", 40), null);
        cells.add(new SweepCell(dead.variationLabel(), dead.variationValues(), null,
                List.of(RunSummary.failed("trial_0001", dead, "All 20 requests failed"))));
        SweepAggregate a = new SweepAggregator(SweepOptions.defaults()).aggregate(cells);
        assertThat(a.combinations()).hasSize(3);
        assertThat(a.failedRuns()).extracting(SweepAggregate.SweepFailure::error)
                .containsExactly("Connection timeout", "All 20 requests failed");
        assertThat(a.numProfileRuns()).isEqualTo(11);
        assertThat(a.numSuccessfulRuns()).isEqualTo(9);
        assertThat(a.combinations().get(0).numRuns()).isEqualTo(4);
        assertThat(a.sweepParameters().get(0).values()).containsExactly(10, 20, 30, 40);
    }

    @Test
    void csvHasFourSections() {
        SweepAggregate a = new SweepAggregator(SweepOptions.defaults()).aggregate(threeCells());
        String csv = SweepAggregateWriter.csv(a);
        String[] sections = csv.split("\n\n");
        assertThat(sections).hasSize(4);
        String[] table = sections[0].split("\n");
        assertThat(table[0]).startsWith("concurrency,request_count_avg_mean,request_count_avg_std,")
                .contains(",request_throughput_avg_mean,request_throughput_avg_std,request_throughput_avg_min,"
                        + "request_throughput_avg_max,request_throughput_avg_cv");
        assertThat(table).hasSize(4);
        assertThat(table[1]).startsWith("10,20.00,0.00,20.00,20.00,0.0000,");
        assertThat(sections[1]).isEqualTo("Best Configurations\nConfiguration,Concurrency,Metric,Unit\n"
                + "Best Throughput,20,180.00,requests/sec\nBest Latency P99,10,80.00,ms");
        assertThat(sections[2]).isEqualTo("Pareto Optimal Points\nConcurrency\n10\n20");
        assertThat(sections[3]).isEqualTo("Metadata\nField,Value\nAggregation Type,sweep\nSweep Parameters,concurrency\n"
                + "Number of Combinations,3\nNumber of Profile Runs,9\nNumber of Successful Runs,9\n");
    }

    @Test
    void emptyParetoIsWrittenAsNone() {
        SlaRule impossible = SlaRule.parse("time_to_first_token:p99:lt:1");
        SweepAggregate a = new SweepAggregator(new SweepOptions(0.95, "repeated", List.of(impossible), null))
                .aggregate(threeCells());
        assertThat(SweepAggregateWriter.csv(a)).contains("Pareto Optimal Points\nNone\n");
    }

    @Test
    void groupsRunsByLabelAndSortedValues() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", 2);
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", 2);
        ba.put("a", 1);
        RunInfo i1 = new RunInfo("x", "s", 1, 0, "trial_0001", "a=1, b=2", 0, ab, null);
        RunInfo i2 = new RunInfo("y", "s", 1, 1, "trial_0002", "a=1, b=2", 0, ba, null);
        RunInfo i3 = new RunInfo("z", "s", 1, 0, "trial_0001", "a=2, b=2", 1, Map.of("a", 2, "b", 2), null);
        List<SweepCell> cells = SweepAggregator.group(List.of(RunSummary.ok("t1", i1, Map.of()),
                RunSummary.ok("t3", i3, Map.of()), RunSummary.ok("t2", i2, Map.of())));
        assertThat(cells).hasSize(2);
        assertThat(cells.get(0).runs()).extracting(RunSummary::label).containsExactly("t1", "t2");
        assertThat(cells.get(1).label()).isEqualTo("a=2, b=2");
    }

    @Test
    void paretoSetOfRandomSweepsMatchesBruteForce() {
        java.util.Random rnd = new java.util.Random(31);
        for (int sweep = 0; sweep < 20; sweep++) {
            List<SweepCell> cells = new ArrayList<>();
            int n = 2 + rnd.nextInt(25);
            for (int c = 1; c <= n; c++) {
                int trials = 1 + rnd.nextInt(3);
                double[] tput = new double[trials];
                double[] ttft = new double[trials];
                for (int t = 0; t < trials; t++) {
                    tput[t] = rnd.nextInt(8) * 10 + (sweep % 2 == 0 ? 0 : rnd.nextDouble());
                    ttft[t] = 1 + rnd.nextInt(8) * 5;
                }
                cells.add(cell(c, tput, ttft, ttft));
            }
            SweepAggregate a = new SweepAggregator(SweepOptions.defaults()).aggregate(cells);
            double[] x = a.combinations().stream().mapToDouble(c -> c.mean("request_throughput_avg").getAsDouble()).toArray();
            double[] y = a.combinations().stream().mapToDouble(c -> c.mean("time_to_first_token_p99").getAsDouble()).toArray();
            List<Map<String, Object>> expected = new ArrayList<>();
            for (int i : ParetoFrontTest.bruteForce(x, y)) {
                expected.add(a.combinations().get(i).parameters());
            }
            expected.sort(java.util.Comparator.comparingInt(m -> (Integer) m.get("concurrency")));
            assertThat(a.paretoOptimal()).as("sweep %d", sweep).isEqualTo(expected);
        }
    }
}
