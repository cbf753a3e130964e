package dev.aiperf.engine.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.aiperf.engine.stats.RunFixtures.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchFrontierTest {
    @TempDir
    Path tmp;

    private static final String CONCURRENCY = "phases.profiling.concurrency";
    private static final String MAX_TOKENS = "datasets.default.output_tokens.max_tokens";
    private static final int[][] POINTS = {{4, 128}, {16, 256}, {32, 512}};

    /** Three search iterations (one run each), the way an adaptive search lays them out. */
    private Path searchRuns(String name) {
        Path base = tmp.resolve(name);
        for (int it = 0; it < POINTS.length; it++) {
            int c = POINTS[it][0];
            RunFixtures.writeRun(base.resolve("search_iter_%04d/profile_runs/run_0001".formatted(it + 1)), "run_0001",
                    0, "search_iter_%04d".formatted(it + 1), it,
                    RunFixtures.values(CONCURRENCY, c, MAX_TOKENS, POINTS[it][1]),
                    new RunFixtures.Numbers(10 * c, 5 * c, 15 * c, 900), it);
        }
        return base;
    }

    private static ObjectNode history(List<String[]> objectives) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode config = root.putObject("config");
        config.put("planner", objectives.size() > 1 ? "multi_objective" : "bayesian");
        ArrayNode objs = config.putArray("objectives");
        for (String[] o : objectives) {
            ObjectNode n = objs.addObject();
            n.put("metric", o[0]);
            n.put("stat", o[1]);
            n.put("direction", o[2]);
            n.putNull("threshold");
        }
        root.putArray("iterations");
        return root;
    }

    private static void trial(ArrayNode best, int it, boolean feasible, Double... objectiveValues) {
        ObjectNode n = best.addObject();
        n.put("iteration_idx", it);
        ObjectNode values = n.putObject("variation_values");
        values.put(CONCURRENCY, POINTS[it][0]);
        values.put(MAX_TOKENS, POINTS[it][1]);
        ArrayNode ov = n.putArray("objective_values");
        for (Double v : objectiveValues) {
            if (v == null) {
                ov.addNull();
            } else {
                ov.add(v);
            }
        }
        n.put("feasible", feasible);
        n.put("non_monotonic_warning", false);
        n.put("feasible_count", 2);
        n.put("pareto_rank", 0);
    }

    private static JsonNode json(Path file) throws Exception {
        return MAPPER.readTree(RunFixtures.read(file));
    }

    @Test
    void multiObjectiveFrontierJoinsTheSweepAggregateAndRecomputesIdentically() throws Exception {
        Path base = searchRuns("multi");
        ObjectNode h = history(List.of(new String[]{"request_throughput", "avg", "MAXIMIZE"},
                new String[]{"time_to_first_token", "p99", "MINIMIZE"}));
        ArrayNode best = h.putArray("best_trials");
        trial(best, 2, true, 320.0, 160.0);   // written out of order: the block orders by iteration
        trial(best, 0, false, 40.0, null);
        RunFixtures.write(base.resolve("search_history.json"), h.toPrettyString());

        Aggregates.Report report = Aggregates.recompute(base, 0.95);
        Path sweepFile = base.resolve("sweep_aggregate/profile_export_aiperf_sweep.json");
        String first = RunFixtures.read(sweepFile);
        JsonNode frontier = MAPPER.readTree(first).path("search_frontier");

        assertThat(frontier.path("objectives")).hasSize(2);
        assertThat(frontier.path("objectives").get(0).path("metric").asText()).isEqualTo("request_throughput");
        assertThat(frontier.path("objectives").get(0).path("direction").asText()).isEqualTo("maximize");
        assertThat(frontier.path("objectives").get(1).path("stat").asText()).isEqualTo("p99");
        assertThat(frontier.path("objectives").get(1).path("direction").asText()).isEqualTo("minimize");
        JsonNode points = frontier.path("points");
        assertThat(points).hasSize(2);
        assertThat(points.get(0).path("iteration").asInt()).isZero();
        assertThat(points.get(0).path("parameters").path("concurrency").asInt()).isEqualTo(4);
        assertThat(points.get(0).path("parameters").path("max_tokens").asInt()).isEqualTo(128);
        assertThat(points.get(0).path("parameters").path("concurrency").isInt()).isTrue();
        assertThat(points.get(0).path("objective_values").get(1).isNull()).isTrue();
        assertThat(points.get(0).path("feasible").asBoolean()).isFalse();
        assertThat(points.get(1).path("iteration").asInt()).isEqualTo(2);
        assertThat(points.get(1).path("objective_values").get(0).asDouble()).isEqualTo(320.0);
        assertThat(points.get(1).path("feasible").asBoolean()).isTrue();
        // The point's parameters are the very dict of its cell in per_combination_metrics.
        JsonNode cells = MAPPER.readTree(first).path("per_combination_metrics");
        assertThat(cells.get(2).path("parameters")).isEqualTo(points.get(1).path("parameters"));
        assertThat(report.sweep().searchFrontier().points()).hasSize(2);

        Aggregates.recompute(base, 0.95);
        assertThat(RunFixtures.read(sweepFile)).isEqualTo(first);
    }

    @Test
    void singleObjectiveSearchCarriesItsBestTrial() throws Exception {
        Path base = searchRuns("single");
        ObjectNode h = history(List.<String[]>of(new String[]{"request_throughput", "avg", "MAXIMIZE"}));
        trial(h.putArray("best_trials"), 1, true, 160.0);
        RunFixtures.write(base.resolve("search_history.json"), h.toPrettyString());

        Aggregates.recompute(base, 0.95);
        JsonNode frontier = json(base.resolve("sweep_aggregate/profile_export_aiperf_sweep.json"))
                .path("search_frontier");
        assertThat(frontier.path("objectives")).hasSize(1);
        assertThat(frontier.path("points")).singleElement().satisfies(p -> {
            assertThat(p.path("iteration").asInt()).isEqualTo(1);
            assertThat(p.path("parameters").path("concurrency").asInt()).isEqualTo(16);
            assertThat(p.path("objective_values")).hasSize(1);
        });
    }

    @Test
    void absentWithoutHistoryOrWithoutScoredTrials() throws Exception {
        Path plain = searchRuns("plain");
        Aggregates.recompute(plain, 0.95);
        assertThat(json(plain.resolve("sweep_aggregate/profile_export_aiperf_sweep.json")).has("search_frontier"))
                .isFalse();

        Path unscored = searchRuns("unscored");
        ObjectNode h = history(List.<String[]>of(new String[]{"request_throughput", "avg", "MAXIMIZE"}));
        h.putNull("best_trials");
        RunFixtures.write(unscored.resolve("search_history.json"), h.toPrettyString());
        Aggregates.Report report = Aggregates.recompute(unscored, 0.95);
        assertThat(report.sweep().searchFrontier()).isNull();
        assertThat(json(unscored.resolve("sweep_aggregate/profile_export_aiperf_sweep.json")).has("search_frontier"))
                .isFalse();
    }

    @Test
    void unreadableHistoryIsAConfigErrorNamingTheFile() {
        Path broken = searchRuns("broken");
        RunFixtures.write(broken.resolve("search_history.json"), "{\"config\": ");
        assertThatThrownBy(() -> Aggregates.recompute(broken, 0.95))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("search_history.json")
                .hasMessageContaining("not valid JSON");

        Path foreign = searchRuns("foreign");
        RunFixtures.write(foreign.resolve("search_history.json"), "{\"iterations\": []}");
        assertThatThrownBy(() -> Aggregates.recompute(foreign, 0.95))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config.objectives");
    }
}
