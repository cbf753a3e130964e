package dev.aiperf.engine.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.stats.SweepAggregate;
import dev.aiperf.engine.sweep.PostProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Each post-processor's file against cases computed by hand. */
class PostProcessorsTest {

    private static final String C = "phases.profiling.concurrency";

    /** A combination with the given swept values and {@code <key>.mean} metrics. */
    private static SweepAggregate.Combination cell(Map<String, Object> values, Map<String, Double> means) {
        Map<String, Map<String, Object>> metrics = new LinkedHashMap<>();
        means.forEach((k, v) -> metrics.put(k, Map.of("mean", v)));
        return new SweepAggregate.Combination(values.toString(), values, values, "d", 1, 1, metrics, null);
    }

    private static SweepAggregate aggregate(List<SweepAggregate.Combination> cells) {
        return new SweepAggregate(cells, List.of(), List.of(), cells.size(), cells.size(), List.of(), cells.size(),
                "independent", 0.95, 1, null, null, Map.of(), List.of(), null);
    }

    private static JsonNode run(String handler, List<SweepAggregate.Combination> cells, List<SlaRule> filters,
                                Path dir) {
        PostProcess pp = new PostProcess(handler, JsonNodeFactory.instance.objectNode(), null);
        return PostProcessors.read(PostProcessors.write(pp, aggregate(cells), filters, dir));
    }

    @Test
    void degradationKneeIsTheFirstPointTwentyPercentOverTheBaseline(@TempDir Path dir) {
        List<SweepAggregate.Combination> cells = List.of(
                cell(Map.of(C, 7), Map.of("request_latency_p99", 125.0)),
                cell(Map.of(C, 1), Map.of("request_latency_p99", 100.0)),
                cell(Map.of(C, 19), Map.of("request_latency_p99", 300.0)),
                cell(Map.of(C, 3), Map.of("request_latency_p99", 110.0)));
        JsonNode k = run(PostProcessors.DEGRADATION_KNEE, cells, List.of(), dir);
        assertThat(dir.resolve("degradation_knee.json")).exists();
        assertThat(k.get("baseline_concurrency").asDouble()).isEqualTo(1);
        assertThat(k.get("baseline_p99").asDouble()).isEqualTo(100);
        assertThat(k.get("knee_concurrency").asDouble()).isEqualTo(7); // 125 > 100 * 1.2; 110 is not
        assertThat(k.get("knee_p99").asDouble()).isEqualTo(125);
        assertThat(k.get("threshold_pct").asDouble()).isEqualTo(20, within(1e-9));
        assertThat(k.get("swept_param").asText()).isEqualTo(C);
        assertThat(k.get("all_points")).hasSize(4);
        assertThat(k.get("all_points").get(1).get("concurrency").asDouble()).isEqualTo(3);

        JsonNode none = PostProcessors.degradationKnee(cells, C, "request_latency", "p99", 5.0);
        assertThat(none.get("knee_concurrency").isNull()).isTrue();
    }

    @Test
    void prefillCurveIsLinearWhenItFitsAndQuadraticWhenItDoesNot(@TempDir Path dir) {
        String isl = "datasets.main.prompts.isl";
        List<SweepAggregate.Combination> linear = new ArrayList<>();
        for (int x : new int[] {256, 512, 1024}) {
            linear.add(cell(Map.of(isl, x), Map.of("time_to_first_token_avg", 10 + 0.01 * x)));
        }
        JsonNode f = run(PostProcessors.TTFT_CURVE_FIT, linear, List.of(), dir);
        assertThat(dir.resolve("prefill_curve.json")).exists();
        assertThat(f.get("fit_form").asText()).isEqualTo("linear");
        assertThat(f.get("coefficients").get(0).asDouble()).isCloseTo(0.01, within(1e-9));
        assertThat(f.get("coefficients").get(1).asDouble()).isCloseTo(10, within(1e-6));
        assertThat(f.get("r_squared").asDouble()).isCloseTo(1, within(1e-9));
        assertThat(f.get("below_floor").asBoolean()).isFalse();
        assertThat(f.get("raw_points").get(2).get("ttft_ms").asDouble()).isCloseTo(20.24, within(1e-9));

        // y = 0,0,0,0,16 over x = 0..4: the line has r² = 102.4 / 204.8 = 0.5 < 0.85, so the quadratic is tried.
        List<SweepAggregate.Combination> bent = new ArrayList<>();
        double[] ys = {0, 0, 0, 0, 16};
        for (int x = 0; x < 5; x++) {
            bent.add(cell(Map.of(isl, x), Map.of("time_to_first_token_avg", ys[x])));
        }
        JsonNode q = PostProcessors.ttftCurve(bent, isl, "avg");
        assertThat(q.get("fit_form").asText()).isEqualTo("quadratic");
        assertThat(q.get("coefficients")).hasSize(3);
        // Quadratic least squares on centred x (t = x - 2): y ≈ 3.2 + 3.2 t + (16/7) (t² - 2); r² = 1 - SSres/204.8.
        assertThat(q.get("coefficients").get(0).asDouble()).isCloseTo(16.0 / 7, within(1e-6));
        assertThat(q.get("r_squared").asDouble()).isCloseTo(1 - (204.8 - 102.4 - 73.142857) / 204.8, within(1e-5));
    }

    @Test
    void itlSurfaceIsTheGridWithNullForMissingCells(@TempDir Path dir) {
        String osl = "datasets.main.prompts.osl";
        List<SweepAggregate.Combination> cells = List.of(
                cell(Map.of(C, 8, osl, 64), Map.of("inter_token_latency_avg", 9.0)),
                cell(Map.of(C, 1, osl, 128), Map.of("inter_token_latency_avg", 6.0)),
                cell(Map.of(C, 1, osl, 64), Map.of("inter_token_latency_avg", 5.0)));
        JsonNode s = run(PostProcessors.ITL_SURFACE_FIT, cells, List.of(), dir);
        assertThat(dir.resolve("decode_itl_surface.json")).exists();
        assertThat(s.get("concurrency_values").toString()).isEqualTo("[1.0,8.0]");
        assertThat(s.get("osl_values").toString()).isEqualTo("[64.0,128.0]");
        assertThat(s.get("itl_ms").toString()).isEqualTo("[[5.0,6.0],[9.0,null]]");
    }

    @Test
    void slaBreachKneeMergesEqualValuesAndChecksMonotonicity(@TempDir Path dir) {
        SlaRule ttft = SlaRule.parse("time_to_first_token:p95:lt:200");
        List<SweepAggregate.Combination> cells = List.of(
                cell(Map.of(C, 1), Map.of("time_to_first_token_p95", 50.0)),
                cell(Map.of(C, 2), Map.of("time_to_first_token_p95", 80.0)),
                cell(Map.of(C, 2), Map.of("time_to_first_token_p95", 90.0)),
                cell(Map.of(C, 4), Map.of("time_to_first_token_p95", 250.0)),
                cell(Map.of(C, 8), Map.of("time_to_first_token_p95", 400.0)));
        JsonNode b = run(PostProcessors.SLA_BREACH_KNEE, cells, List.of(ttft), dir);
        assertThat(dir.resolve("sla_breach.json")).exists();
        assertThat(b.get("max_passing_concurrency").asDouble()).isEqualTo(2);
        assertThat(b.get("first_failing_concurrency").asDouble()).isEqualTo(4);
        assertThat(b.get("first_failing_breach").asText()).isEqualTo(ttft.spec());
        assertThat(b.get("monotonicity_check").asBoolean()).isTrue();
        assertThat(b.get("all_points")).hasSize(4);

        List<SweepAggregate.Combination> bumpy = new ArrayList<>(cells);
        bumpy.add(cell(Map.of(C, 2), Map.of("time_to_first_token_p95", 300.0))); // 2 now fails as a whole
        bumpy.add(cell(Map.of(C, 16), Map.of("time_to_first_token_p95", 100.0))); // a pass after failures
        JsonNode n = PostProcessors.slaBreach(bumpy, C, List.of(ttft));
        assertThat(n.get("first_failing_concurrency").asDouble()).isEqualTo(2);
        assertThat(n.get("max_passing_concurrency").asDouble()).isEqualTo(16);
        assertThat(n.get("monotonicity_check").asBoolean()).isFalse();
    }

    @Test
    void paretoExportMarksTheNonDominatedCells(@TempDir Path dir) {
        List<SweepAggregate.Combination> cells = List.of(
                cell(Map.of("isl", 128, "osl", 128, "concurrency", 1),
                        Map.of("time_to_first_token_p95", 10.0, "output_token_throughput_avg", 100.0)),
                cell(Map.of("isl", 128, "osl", 128, "concurrency", 4),
                        Map.of("time_to_first_token_p95", 20.0, "output_token_throughput_avg", 200.0)),
                cell(Map.of("isl", 512, "osl", 256, "concurrency", 4),
                        Map.of("time_to_first_token_p95", 30.0, "output_token_throughput_avg", 150.0)),
                cell(Map.of("isl", 512, "osl", 256, "concurrency", 1),
                        Map.of("output_token_throughput_avg", 900.0)));
        JsonNode p = run(PostProcessors.PARETO_SWEEP_EXPORT, cells, List.of(), dir);
        assertThat(dir.resolve("pareto_sweep.json")).exists();
        JsonNode c = p.get("cells");
        assertThat(c).hasSize(4);
        assertThat(c.get(0).get("pareto_optimal").asBoolean()).isTrue();
        assertThat(c.get(1).get("pareto_optimal").asBoolean()).isTrue();
        assertThat(c.get(2).get("pareto_optimal").asBoolean()).isFalse(); // (20, 200) dominates (30, 150)
        assertThat(c.get(3).get("pareto_optimal").asBoolean()).isFalse(); // no TTFT: kept, never optimal
        assertThat(c.get(3).get("x").isNull()).isTrue();
        assertThat(c.get(2).get("isl").asLong()).isEqualTo(512);
    }

    @Test
    void noUsableRowNamesTheMetric() {
        assertThatThrownBy(() -> PostProcessors.degradationKnee(List.of(cell(Map.of(C, 1), Map.of())), C,
                "request_latency", "p99", 0.2)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("request_latency_p99");
    }
}
