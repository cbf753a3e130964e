package dev.aiperf.engine.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiperf.engine.api.model.SearchIteration;
import dev.aiperf.engine.api.model.SlaBreach;
import dev.aiperf.engine.api.model.SlaOp;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.sweep.OutcomeConstraint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SearchHistoryWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SlaRule TTFT = new SlaRule("time_to_first_token", "p95", SlaOp.LT, 200);

    private static SearchHistory.Config config(List<ObjectiveSpec> objectives, List<Dimension> space) {
        return new SearchHistory.Config("bayesian", objectives, List.of(new OutcomeConstraint("error_rate", "<=", 0.01)),
                30, 5, 42L, 10, 8, 0.01, space, List.of(TTFT));
    }

    private static SearchIteration it(int idx, double c, Double obj, boolean feasible, SlaBreach b) {
        return new SearchIteration(idx, Map.of("concurrency", c), obj == null ? null : List.of(obj), feasible,
                false, b);
    }

    @Test
    void writesAIPerfShapeWithBestTrialAndBoundary(@TempDir Path dir) throws Exception {
        Dimension c = Dimension.ofInt("concurrency", 1, 1000, Dimension.Prior.LOG_UNIFORM);
        SearchHistory h = SearchHistory.start(config(List.of(ObjectiveSpec.maximize("output_token_throughput", "avg")),
                List.of(c)), "max-throughput-ttft-sla");
        h = h.withIteration(it(0, 16, 800.0, true, null));
        h = h.withIteration(it(1, 64, 2100.0, true, null));
        h = h.withIteration(it(2, 256, 2600.0, false, new SlaBreach(TTFT, 231.5)));
        h = h.withIteration(it(3, 512, null, false, null));
        h = h.withIteration(it(4, 128, 2400.0, true, null));
        Path file = SearchHistoryWriter.write(dir, h);
        assertThat(file.getFileName().toString()).isEqualTo("search_history.json");
        JsonNode j = JSON.readTree(file.toFile());

        assertThat(j.get("convergence_reason").isNull()).isTrue(); // mid-loop write
        assertThat(j.get("recipe").asText()).isEqualTo("max-throughput-ttft-sla");
        JsonNode cfg = j.get("config");
        assertThat(cfg.get("planner").asText()).isEqualTo("bayesian");
        assertThat(cfg.get("random_seed").asLong()).isEqualTo(42);
        assertThat(cfg.get("search_space").get(0).get("prior").asText()).isEqualTo("log-uniform");
        assertThat(cfg.get("search_space").get(0).get("hi").isIntegralNumber()).isTrue();
        assertThat(cfg.get("sla_filters").get(0).get("metric_tag").asText()).isEqualTo("time_to_first_token");
        assertThat(cfg.get("objectives").get(0).get("direction").asText()).isEqualTo("MAXIMIZE");
        assertThat(cfg.fieldNames()).toIterable().containsExactly("planner", "objectives", "outcome_constraints",
                "max_iterations", "n_initial_points", "random_seed", "improvement_patience", "plateau_window",
                "plateau_threshold", "search_space", "sla_filters");

        JsonNode its = j.get("iterations");
        assertThat(its).hasSize(5);
        assertThat(its.get(0).fieldNames()).toIterable().containsExactly("iteration_idx", "variation_values",
                "objective_values", "feasible", "non_monotonic_warning");
        assertThat(its.get(1).get("variation_values").get("concurrency").isIntegralNumber()).isTrue();
        assertThat(its.get(3).get("objective_values").isNull()).isTrue();

        // best is the best feasible (2400 at 128), not the higher infeasible 2600
        JsonNode best = j.get("best_trials");
        assertThat(best).hasSize(1);
        assertThat(best.get(0).get("iteration_idx").asInt()).isEqualTo(4);
        assertThat(best.get(0).get("feasible_count").asInt()).isEqualTo(3);
        assertThat(best.get(0).get("pareto_rank").asInt()).isZero();

        JsonNode b = j.get("boundary_summary");
        assertThat(b.get("swept_dim_path").asText()).isEqualTo("concurrency");
        assertThat(b.get("feasible_max").get("value").asInt()).isEqualTo(128);
        assertThat(b.get("feasible_max").get("iteration_idx").asInt()).isEqualTo(4);
        assertThat(b.get("feasible_max").get("objective_value").asDouble()).isEqualTo(2400.0);
        assertThat(b.get("infeasible_min").get("value").asInt()).isEqualTo(256);
        JsonNode breach = b.get("infeasible_min").get("first_breach");
        assertThat(breach.get("op").asText()).isEqualTo("lt");
        assertThat(breach.get("threshold").asDouble()).isEqualTo(200.0);
        assertThat(breach.get("observed").asDouble()).isEqualTo(231.5);

        // the final rewrite records the reason and leaves no temporary files behind
        SearchHistoryWriter.write(dir, h.withConvergenceReason(StopRules.IMPROVEMENT_PATIENCE));
        assertThat(JSON.readTree(file.toFile()).get("convergence_reason").asText()).isEqualTo("improvement_patience");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("search_history.json");
        }
    }

    @Test
    void nothingScoredYetMeansNullBestTrials(@TempDir Path dir) throws Exception {
        Dimension c = Dimension.ofInt("concurrency", 1, 1000, Dimension.Prior.LOG_UNIFORM);
        SearchHistory h = SearchHistory.start(config(List.of(ObjectiveSpec.maximize("output_token_throughput", "avg")),
                List.of(c)), null).withIteration(it(0, 8, null, false, null));
        JsonNode j = JSON.readTree(SearchHistoryWriter.write(dir, h).toFile());
        assertThat(j.get("best_trials").isNull()).isTrue();
        assertThat(j.get("recipe").isNull()).isTrue();
        assertThat(j.get("boundary_summary").get("feasible_max").isNull()).isTrue();
    }

    @Test
    void multiObjectiveBestTrialsAreTheFeasibleFrontier(@TempDir Path dir) throws Exception {
        List<Dimension> space = List.of(Dimension.ofInt("concurrency", 1, 256, Dimension.Prior.LOG_UNIFORM),
                Dimension.ofInt("max_tokens", 16, 1024, Dimension.Prior.LOG_UNIFORM));
        SearchHistory h = SearchHistory.start(config(List.of(ObjectiveSpec.maximize("output_token_throughput", "avg"),
                ObjectiveSpec.minimize("time_to_first_token", "p99")), space), null);
        double[][] objs = {{100, 10}, {200, 30}, {90, 12}, {500, 5}, {300, 20}};
        boolean[] feasible = {true, true, true, false, true};
        for (int i = 0; i < objs.length; i++) {
            h = h.withIteration(new SearchIteration(i, Map.of("concurrency", 1.0 + i, "max_tokens", 64.0),
                    List.of(objs[i][0], objs[i][1]), feasible[i], false, null));
        }
        JsonNode j = JSON.readTree(SearchHistoryWriter.write(dir, h).toFile());
        // {500,5} dominates everything but is infeasible: it never enters the frontier
        assertThat(j.get("best_trials").findValues("iteration_idx").stream().map(JsonNode::asInt).toList())
                .containsExactly(0, 4);
        assertThat(j.get("best_trials").get(0).get("feasible_count").asInt()).isEqualTo(4);
        assertThat(j.get("boundary_summary").isNull()).isTrue();
    }
}
