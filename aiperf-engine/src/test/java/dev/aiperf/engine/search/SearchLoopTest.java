package dev.aiperf.engine.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiperf.engine.api.model.SearchIteration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The loop the orchestrator runs: ask → benchmark → tell → history rewrite → stop rules. */
class SearchLoopTest {

    @Test
    void loopStopsByARuleAndLeavesACompleteHistory(@TempDir Path dir) throws Exception {
        Dimension c = Dimension.ofInt("concurrency", 1, 1000, Dimension.Prior.LOG_UNIFORM);
        List<ObjectiveSpec> objectives = List.of(ObjectiveSpec.maximize("output_token_throughput", "avg"));
        StopRules rules = new StopRules(30, 6, 8, 0.01, 5);
        SearchHistory history = SearchHistory.start(new SearchHistory.Config("bayesian", objectives, List.of(),
                30, 5, 7L, 6, 8, 0.01, List.of(c), List.of()), null);
        BayesianPlanner planner = new BayesianPlanner(SearchSpace.of(c), objectives.get(0), 5, 7L);
        Optional<String> reason = Optional.empty();
        int written = 0;
        while (reason.isEmpty()) {
            Map<String, Double> p = planner.ask();
            double v = SyntheticCurves.throughputWithKvCollapse(p.get("concurrency"));
            planner.tell(Observation.of(p, v));
            history = history.withIteration(new SearchIteration(written, p, List.of(v), true, false, null));
            SearchHistoryWriter.write(dir, history);
            written++;
            JsonNode mid = new ObjectMapper().readTree(dir.resolve("search_history.json").toFile());
            assertThat(mid.get("iterations")).hasSize(written);
            assertThat(mid.get("convergence_reason").isNull()).isTrue();
            reason = rules.evaluate(planner.observations(), objectives);
        }
        SearchHistoryWriter.write(dir, history.withConvergenceReason(reason.get()));
        JsonNode done = new ObjectMapper().readTree(dir.resolve("search_history.json").toFile());
        assertThat(done.get("convergence_reason").asText()).isIn(StopRules.IMPROVEMENT_PATIENCE, StopRules.PLATEAU_CV);
        assertThat(written).isLessThan(30);
        double best = done.get("best_trials").get(0).get("objective_values").get(0).asDouble();
        assertThat(best).isGreaterThan(0.95 * SyntheticCurves.throughputWithKvCollapse(300));
    }
}
