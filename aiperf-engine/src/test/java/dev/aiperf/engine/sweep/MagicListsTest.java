package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.ConfigException;
import dev.aiperf.engine.config.SourceLines;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MagicListsTest {

    private static final String BASE = """
            benchmark:
              dataset: {type: synthetic, prompts: {isl: {mean: 100, stddev: 1}, osl: {mean: 10, stddev: 1}}, turns: {mean: 1}}
              phases:
                - {name: warmup, type: concurrency, requests: 5, concurrency: 1, exclude_from_results: true}
                - {name: profiling, type: concurrency, requests: 10, concurrency: 1}
            """;

    @Test
    void yamlPhaseListsBecomeAnImplicitGridWithTheFirstValueAsPlaceholder() {
        ObjectNode body = (ObjectNode) TestEnvelope.node("""
                phases:
                  - {name: profiling, type: poisson, concurrency: [4, 8], rate: [10, 20, 30], requests: 100,
                     rate_ramp: {duration: [5, 10]}, tags: [1, 2]}
                """);
        MagicLists.ImplicitSweep implicit = MagicLists.fromYaml(body).orElseThrow();
        ObjectNode phase = (ObjectNode) implicit.body().get("phases").get(0);
        assertThat(phase.get("concurrency").asInt()).isEqualTo(4);
        assertThat(phase.get("rate").asInt()).isEqualTo(10);
        assertThat(phase.get("rate_ramp").get("duration").asInt()).isEqualTo(5);
        assertThat(phase.get("tags").isArray()).as("not a magic key").isTrue();
        assertThat(body.get("phases").get(0).get("concurrency").isArray()).as("input untouched").isTrue();
        GridSweep g = (GridSweep) SweepParser.parse(implicit.sweep(), SourceLines.NONE);
        assertThat(g.parameters().keySet()).containsExactly("phases.profiling.concurrency",
                "phases.profiling.rate", "phases.profiling.rate_ramp.duration");
        assertThat(MagicLists.fromYaml((ObjectNode) TestEnvelope.node("phases: [{name: p, concurrency: 4}]")))
                .isEmpty();
    }

    @Test
    void yamlMagicListWithRepeatedValuesIsRejected() {
        ObjectNode body = (ObjectNode) TestEnvelope.node("phases: [{name: profiling, concurrency: [2, 2, 2]}]");
        ObjectNode sweep = MagicLists.fromYaml(body).orElseThrow().sweep();
        assertThatThrownBy(() -> SweepParser.parse(sweep, SourceLines.NONE)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("value 2 is repeated in [2, 2, 2]");
    }

    private static List<Variation> cli(Map<String, List<? extends Number>> flags, String type) {
        AIPerfConfig base = TestEnvelope.yaml(BASE);
        Optional<ObjectNode> sweep = MagicLists.fromCli(flags, type);
        return SweepExpander.expand(base, SweepParser.parse(sweep.orElseThrow(), SourceLines.NONE));
    }

    @Test
    void cliListsCrossProductAndZip() {
        Map<String, List<? extends Number>> flags = new LinkedHashMap<>();
        flags.put("--isl", List.of(128, 512));
        flags.put("--concurrency", List.of(4, 8));
        List<Variation> grid = cli(flags, null);
        assertThat(grid).hasSize(4);
        assertThat(grid).extracting(Variation::dirName).containsExactly("mean_128__concurrency_4",
                "mean_128__concurrency_8", "mean_512__concurrency_4", "mean_512__concurrency_8");
        assertThat(grid.get(3).benchmarkTree().get("datasets").get(0).get("prompts").get("isl"))
                .isEqualTo(TestEnvelope.node("{mean: 512, stddev: 1}"));
        assertThat(grid.get(3).benchmarkTree().get("phases").get(0).get("concurrency").asInt()).isEqualTo(1);

        Map<String, List<? extends Number>> zip = new LinkedHashMap<>();
        zip.put("--isl", List.of(128, 512, 2048));
        zip.put("--osl", List.of(128, 256, 512));
        zip.put("--concurrency", List.of(4, 16, 64));
        List<Variation> z = cli(zip, "zip");
        assertThat(z).hasSize(3);
        assertThat(z.get(1).values()).containsEntry("datasets.main.prompts.isl.mean", TestEnvelope.node("512"))
                .containsEntry("datasets.main.prompts.osl.mean", TestEnvelope.node("256"))
                .containsEntry("phases.profiling.concurrency", TestEnvelope.node("16"));

        Map<String, List<? extends Number>> rate = new LinkedHashMap<>();
        rate.put("--request-rate", List.of(10.0, 20.0));
        rate.put("--num-conversations", List.of(50, 100, 200));
        rate.put("--conversation-turn-mean", List.of(3));
        List<Variation> r = cli(rate, null);
        assertThat(r).hasSize(6);
        assertThat(r.get(0).label()).isEqualTo("phases.profiling.rate=10.0, phases.profiling.sessions=50");
    }

    @Test
    void cliScalarsMakeNoSweepAndBadInputIsRejected() {
        assertThat(MagicLists.fromCli(Map.of("--concurrency", List.of(8)), null)).isEmpty();
        assertThatThrownBy(() -> cli(Map.of("--concurrency", List.of(2, 2, 2)), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("would collide");
        assertThatThrownBy(() -> MagicLists.fromCli(Map.of("--concurency", List.of(1, 2)), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("did you mean --concurrency?");
        assertThatThrownBy(() -> MagicLists.fromCli(Map.of("--concurrency", List.of(1, 2)), "sobol"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--sweep-type must be grid or zip");
        Map<String, List<? extends Number>> uneven = new LinkedHashMap<>();
        uneven.put("--isl", List.of(1, 2, 3));
        uneven.put("--osl", List.of(1, 2));
        assertThatThrownBy(() -> cli(uneven, "zip")).hasMessageContaining(
                "zip sweep parameters must all have equal length; got {datasets.main.prompts.isl.mean=3,"
                        + " datasets.main.prompts.osl.mean=2}.");
    }
}
