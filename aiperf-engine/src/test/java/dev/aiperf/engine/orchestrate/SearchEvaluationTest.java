package dev.aiperf.engine.orchestrate;

import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.plan.RunStatus;
import dev.aiperf.engine.search.ObjectiveSpec;
import dev.aiperf.engine.stats.MetricBlock;
import dev.aiperf.engine.stats.RunSummary;
import dev.aiperf.engine.sweep.OutcomeConstraint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** AIPerf's {@code tell}: objective means over successful trials, feasibility, margins and the first breach. */
class SearchEvaluationTest {

    private static RunSummary run(double throughput, double ttftP95) {
        return RunSummary.ok("run", null, Map.of(
                "output_token_throughput", new MetricBlock("tokens/sec", Map.of("avg", throughput)),
                "time_to_first_token", new MetricBlock("ms", Map.of("p95", ttftP95, "avg", ttftP95 / 2))));
    }

    private static final List<ObjectiveSpec> MAX_THROUGHPUT = List.of(ObjectiveSpec.maximize("output_token_throughput",
            "avg"));
    private static final SlaRule TTFT = SlaRule.parse("time_to_first_token:p95:lt:200");

    @Test
    void objectiveIsTheMeanOverSuccessfulTrialsAndOnePassingTrialMakesItFeasible() {
        SearchEvaluation.Evaluation e = SearchEvaluation.evaluate(List.of(run(1000, 150), run(1200, 260),
                RunSummary.failed("run", null, "All 6 requests failed")), MAX_THROUGHPUT, List.of(TTFT),
                List.of(new OutcomeConstraint("time_to_first_token", "<=", 100)));
        assertThat(e.objectives()).containsExactly(1100.0);
        assertThat(e.feasible()).isTrue(); // trial 1 passes every filter, and the filter's mean exists
        assertThat(e.margins().get(TTFT.spec())).isCloseTo(205 - 200, within(1e-9)); // mean 205 > 200
        assertThat(e.margins().get("time_to_first_token <= 100.0")).isCloseTo(102.5 - 100, within(1e-9));
        assertThat(e.firstBreach().rule()).isEqualTo(TTFT);
        assertThat(e.firstBreach().observed()).isEqualTo(205.0);
    }

    @Test
    void noPassingTrialIsInfeasibleAndEveryFailedTrialLeavesNoObjective() {
        SearchEvaluation.Evaluation e = SearchEvaluation.evaluate(List.of(run(900, 250)), MAX_THROUGHPUT, List.of(TTFT),
                List.of());
        assertThat(e.feasible()).isFalse();
        assertThat(e.objectives()).containsExactly(900.0);

        SearchEvaluation.Evaluation none = SearchEvaluation.evaluate(List.of(RunSummary.failed("run", null, "down")),
                MAX_THROUGHPUT, List.of(TTFT), List.of());
        assertThat(none.objectives()).isNull();
        assertThat(none.feasible()).isFalse();
        assertThat(none.margins().get(TTFT.spec())).isNaN();
        assertThat(none.firstBreach().observed()).isNaN();
    }

    @Test
    void withoutFiltersEverySuccessfulIterationIsFeasible() {
        SearchEvaluation.Evaluation e = SearchEvaluation.evaluate(List.of(run(10, 1)), MAX_THROUGHPUT, List.of(), List.of());
        assertThat(e.feasible()).isTrue();
        assertThat(e.firstBreach()).isNull();
    }

    /** A run directory whose profile_export.jsonl holds one successful request per TTFT value. */
    private static RunSummary runWithRequests(Path dir, double ttftP95, double... ttft) throws IOException {
        Files.createDirectories(dir);
        StringBuilder jsonl = new StringBuilder();
        for (double v : ttft) {
            jsonl.append("{\"metadata\":{},\"metrics\":{\"time_to_first_token\":{\"value\":").append(v)
                    .append(",\"unit\":\"ms\"}},\"error\":null}\n");
        }
        Files.writeString(dir.resolve("profile_export.jsonl"), jsonl);
        return new RunSummary(dir, dir.getFileName().toString(), null, Map.of("time_to_first_token",
                new MetricBlock("ms", Map.of("p50", ttftP95, "p95", ttftP95))), RunStatus.Status.OK, null, null, null,
                null);
    }

    @Test
    void pooledObjectivesTakeTheStatOverEveryTrialsRequests(@TempDir Path tmp) throws IOException {
        List<RunSummary> trials = List.of(runWithRequests(tmp.resolve("run_0001"), 20, 10, 20, 30),
                runWithRequests(tmp.resolve("run_0002"), 250, 100, 200, 300, 400));
        List<ObjectiveSpec> p50 = List.of(ObjectiveSpec.minimize("time_to_first_token", "p50"));
        // mean: (20 + 250) / 2 = 135; pooled: the median of {10, 20, 30, 100, 200, 300, 400} = 100
        assertThat(SearchEvaluation.evaluate(trials, p50, List.of(), List.of()).objectives()).containsExactly(135.0);
        assertThat(SearchEvaluation.evaluate(trials, p50, List.of(), List.of(), true).objectives())
                .containsExactly(100.0);
        // numpy's linear p95 of the 7 pooled values: rank 5.7 → 300 + 0.7·100
        assertThat(SearchEvaluation.evaluate(trials, List.of(ObjectiveSpec.minimize("time_to_first_token", "p95")),
                List.of(), List.of(), true).objectives()[0]).isCloseTo(370.0, within(1e-9));
        assertThat(SearchEvaluation.evaluate(trials, List.of(ObjectiveSpec.minimize("time_to_first_token", "avg")),
                List.of(), List.of(), true).objectives()[0]).isCloseTo(1060.0 / 7, within(1e-9));
        // A metric without per-request values has no pooled objective: the iteration is unscored.
        assertThat(SearchEvaluation.evaluate(trials, MAX_THROUGHPUT, List.of(), List.of(), true).objectives()).isNull();
    }
}
