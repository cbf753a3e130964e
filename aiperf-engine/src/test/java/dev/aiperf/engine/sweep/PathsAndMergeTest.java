package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.AIPerfConfig;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dotted paths, the scenario deep-merge, Python str() formatting and cell directory names. */
class PathsAndMergeTest {

    private static ObjectNode body(String yaml) {
        return (ObjectNode) TestEnvelope.node(yaml);
    }

    private static final String TWO_PHASES = """
            phases:
              - {name: warmup, type: concurrency, requests: 10, concurrency: 2, exclude_from_results: true}
              - {name: main, type: poisson, rate: 5}
            datasets: [{name: main, entries: 10}]
            """;

    @Test
    void aliasesAndCanonicalForms() {
        for (String a : List.of("concurrency", "prefill_concurrency", "rate", "requests", "duration", "sessions",
                "users", "smoothness", "grace_period", "concurrency_ramp", "prefill_ramp", "rate_ramp")) {
            assertThat(DottedPath.canonical(a)).isEqualTo("phases.profiling." + a);
        }
        assertThat(DottedPath.canonical("concurrency.value")).isEqualTo("concurrency.value");
        assertThat(DottedPath.canonical("phases.warmup.requests")).isEqualTo("phases.warmup.requests");
        assertThat(DottedPath.againstBody("dataset.prompts.isl", body(TWO_PHASES)))
                .isEqualTo("datasets.main.prompts.isl");
        assertThat(DottedPath.leaf("phases.profiling.concurrency")).isEqualTo("concurrency");
    }

    @Test
    void profilingFallsBackToTheSingleNonWarmupPhase() {
        ObjectNode b = body(TWO_PHASES);
        DottedPath.set(b, body("{}"), "phases.profiling.rate", IntNode.valueOf(50));
        assertThat(b.get("phases").get(1).get("rate").asInt()).isEqualTo(50);
        assertThat(b.get("phases").get(0).has("rate")).isFalse();
        DottedPath.set(b, body("{}"), "phases.warmup.requests", IntNode.valueOf(3));
        assertThat(b.get("phases").get(0).get("requests").asInt()).isEqualTo(3);
        assertThat(DottedPath.get(b, "phases.profiling.rate").asInt()).isEqualTo(50);
    }

    @Test
    void missingNamedEntryIsAnErrorAndNothingIsCreated() {
        ObjectNode b = body(TWO_PHASES);
        ObjectNode before = b.deepCopy();
        assertThatThrownBy(() -> DottedPath.set(b, body("{}"), "phases.ramp.rate", IntNode.valueOf(1)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("sweep path 'phases.ramp.rate': no entry named 'ramp' found (existing: [warmup, main])");
        assertThat(b).isEqualTo(before);
        ObjectNode twoProfiling = body("phases: [{name: a, rate: 1}, {name: b, rate: 2}]");
        assertThatThrownBy(() -> DottedPath.set(twoProfiling, body("{}"), "phases.profiling.rate",
                IntNode.valueOf(1))).hasMessageContaining("no entry named 'profiling'");
    }

    @Test
    void missingDictSegmentsAreCreatedButScalarsCannotBeDescended() {
        ObjectNode b = body(TWO_PHASES);
        DottedPath.set(b, body("{}"), "datasets.main.prompts.isl.mean", IntNode.valueOf(128));
        assertThat(b.get("datasets").get(0).get("prompts").get("isl").get("mean").asInt()).isEqualTo(128);
        ObjectNode before = b.deepCopy();
        assertThatThrownBy(() -> DottedPath.set(b, body("{}"), "phases.main.rate.x.y", IntNode.valueOf(1)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot descend into int at segment 'x'");
        assertThatThrownBy(() -> DottedPath.set(b, body("{}"), "phases.main.rate.x", IntNode.valueOf(1)))
                .hasMessageContaining("cannot assign into int at segment 'x'");
        assertThatThrownBy(() -> DottedPath.set(body("tags: [a, b]"), body("{}"), "tags.a.x", IntNode.valueOf(1)))
                .hasMessageContaining("cannot descend into list");
        assertThat(b).isEqualTo(before);
    }

    @Test
    void variablesPathsWriteTheEnvelopeVariables() {
        AIPerfConfig cfg = TestEnvelope.yaml("""
                benchmark: {phases: [{name: profiling, concurrency: 1}]}
                variables: {model_tag: base, other: 1}
                sweep: {parameters: {variables.model_tag: [a, b]}}
                """);
        List<Variation> vs = SweepExpander.expand(cfg, TestEnvelope.sweep(cfg));
        assertThat(vs).extracting(v -> v.variables().get("model_tag").asText()).containsExactly("a", "b");
        assertThat(vs.get(0).variables().get("other").asInt()).isEqualTo(1);
        assertThat(vs.get(0).benchmarkTree().has("variables")).isFalse();
        assertThat(vs).extracting(Variation::dirName).containsExactly("model_tag_a", "model_tag_b");
        assertThat(cfg.variables().get("model_tag").asText()).isEqualTo("base");
    }

    @Test
    void noEntryNamedDuringExpansionNamesTheSweepPath() {
        AIPerfConfig cfg = TestEnvelope.yaml("""
                benchmark: {phases: [{name: a, rate: 1}, {name: b, rate: 2}]}
                sweep: {parameters: {phases.c.rate: [1, 2]}}
                """);
        assertThatThrownBy(() -> SweepExpander.expand(cfg, TestEnvelope.sweep(cfg)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("sweep.parameters.phases.c.rate: sweep path 'phases.c.rate': no entry named 'c'");
    }

    @Test
    void deepMergeRules() {
        ObjectNode base = body("""
                a: {x: 1, y: {z: 2}}
                phases: [{name: warmup, requests: 5}, {name: profiling, rate: 1, duration: 60}]
                isl: {type: lognormal, mean: 512, median: 400}
                osl: {type: normal, mean: 128, stddev: 25}
                tags: [1, 2, 3]
                """);
        ObjectNode merged = ScenarioMerge.merge(base, body("""
                a: {y: {w: 3}}
                phases: [{name: profiling, rate: 9}, {name: cooldown, requests: 1}]
                isl: {mean: 512, stddev: 10}
                osl: {mean: 64, stddev: 5}
                tags: [9]
                """));
        assertThat(merged.get("a")).isEqualTo(body("{x: 1, y: {z: 2, w: 3}}"));
        assertThat(merged.get("phases")).isEqualTo(body("""
                p: [{name: warmup, requests: 5}, {name: profiling, rate: 9, duration: 60}, {name: cooldown, requests: 1}]
                """).get("p"));
        // median -> stddev is a kind swap: the dict is replaced, no stray median, no inherited type
        assertThat(merged.get("isl")).isEqualTo(body("{mean: 512, stddev: 10}"));
        // same kind: merged, the type survives
        assertThat(merged.get("osl")).isEqualTo(body("{type: normal, mean: 64, stddev: 5}"));
        assertThat(merged.get("tags")).isEqualTo(body("t: [9]").get("t"));
        assertThat(base.get("phases").get(1).get("rate").asInt()).isEqualTo(1);
    }

    @Test
    void singularDatasetOverrideIsRewritten() {
        ObjectNode base = body("datasets: [{name: main, entries: 10}]");
        ObjectNode o = ScenarioMerge.normaliseDataset(body("dataset: {prompts: {isl: 5}}"), base, "sweep.runs[0]");
        assertThat(o).isEqualTo(body("datasets: [{name: main, prompts: {isl: 5}}]"));
        ObjectNode two = body("datasets: [{name: a}, {name: b}]");
        assertThatThrownBy(() -> ScenarioMerge.normaliseDataset(body("dataset: {entries: 1}"), two, "sweep.runs[2]"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sweep.runs[2].benchmark.dataset").hasMessageContaining("ambiguous");
        assertThat(ScenarioMerge.normaliseDataset(body("dataset: {name: b, entries: 1}"), two, "w"))
                .isEqualTo(body("datasets: [{name: b, entries: 1}]"));
    }

    @Test
    void pythonStrFormatting() {
        assertThat(PythonStr.str(DoubleNode.valueOf(5.0))).isEqualTo("5.0");
        assertThat(PythonStr.str(IntNode.valueOf(10))).isEqualTo("10");
        assertThat(PythonStr.str(DoubleNode.valueOf(0.1))).isEqualTo("0.1");
        assertThat(PythonStr.str(DoubleNode.valueOf(1e-5))).isEqualTo("1e-05");
        assertThat(PythonStr.str(DoubleNode.valueOf(0.0001))).isEqualTo("0.0001");
        assertThat(PythonStr.str(DoubleNode.valueOf(1e16))).isEqualTo("1e+16");
        assertThat(PythonStr.str(DoubleNode.valueOf(123456789.0))).isEqualTo("123456789.0");
        assertThat(PythonStr.str(DoubleNode.valueOf(2.5e-7))).isEqualTo("2.5e-07");
        assertThat(PythonStr.str(DoubleNode.valueOf(1.0 / 3))).isEqualTo("0.3333333333333333");
        assertThat(PythonStr.str(TestEnvelope.node("true"))).isEqualTo("True");
        assertThat(PythonStr.str(TestEnvelope.node("null"))).isEqualTo("None");
        assertThat(PythonStr.str(TestEnvelope.node("[1, 'a', 2.0]"))).isEqualTo("[1, 'a', 2.0]");
        assertThat(PythonStr.str(TestEnvelope.node("{a: 1}"))).isEqualTo("{'a': 1}");
        assertThat(PythonStr.str(TextNode.valueOf("x"))).isEqualTo("x");
    }

    @Test
    void directoryNamesOfTheReference() {
        Map<String, JsonNode> v = new LinkedHashMap<>();
        v.put("phases.profiling.concurrency", IntNode.valueOf(10));
        assertThat(CellDirName.of(v, "x", 0)).isEqualTo("concurrency_10");
        v.clear();
        v.put("phases.profiling.request_rate", DoubleNode.valueOf(5.0));
        assertThat(CellDirName.of(v, "x", 0)).isEqualTo("request_rate_5.0");
        v.clear();
        v.put("a.b", IntNode.valueOf(1));
        v.put("c.d", IntNode.valueOf(2));
        assertThat(CellDirName.of(v, "x", 0)).isEqualTo("b_1__d_2");
        assertThat(CellDirName.of(Map.of(), "qps:100", 3)).isEqualTo("qps100");
        assertThat(CellDirName.of(Map.of(), "", 3)).isEqualTo("variation_3");
        assertThat(CellDirName.of(Map.of(), "...", 4)).isEqualTo("variation_4");
        assertThat(CellDirName.of(Map.of("p.model", TextNode.valueOf("org/name:v1"), "p.x", IntNode.valueOf(1)),
                "l", 0)).contains("model_orgnamev1");
        assertThat(CellDirName.of(Map.of("p.isl", TestEnvelope.node("{mean: 1}")), "short", 0)).isEqualTo("short");
        assertThat(CellDirName.sanitise("a<b>c:d\"e|f?g*h/i\\j..k")).isEqualTo("abcdefghijk");
    }

    @Test
    void scenarioValuesNameTheDirectoryAndUnnamedScenariosAreNumbered() {
        AIPerfConfig cfg = TestEnvelope.yaml("""
                benchmark: {phases: [{name: profiling, concurrency: 1}]}
                sweep:
                  type: scenarios
                  runs:
                    - {name: small, benchmark: {phases: [{name: profiling, concurrency: 2}]}, values: {concurrency: 2}}
                    - {benchmark: {phases: [{name: profiling, concurrency: 4}]}}
                    - {name: vars, variables: {tag: x}}
                """);
        List<Variation> vs = SweepExpander.expand(cfg, TestEnvelope.sweep(cfg));
        assertThat(vs).extracting(Variation::label).containsExactly("small", "scenario_1", "vars");
        assertThat(vs).extracting(Variation::dirName).containsExactly("concurrency_2", "scenario_1", "vars");
        assertThat(vs.get(1).values()).containsKey("phases");
        assertThat(vs.get(2).variables().get("tag").asText()).isEqualTo("x");
    }

    @Test
    void cellsSharingADirectoryAreRejected() {
        AIPerfConfig cfg = TestEnvelope.yaml("""
                benchmark: {phases: [{name: profiling, concurrency: 1}]}
                sweep: {parameters: {variables.tag: [a/b, ab]}}
                """);
        assertThatThrownBy(() -> SweepExpander.expand(cfg, TestEnvelope.sweep(cfg)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("would share the directory 'tag_ab'");
    }
}
