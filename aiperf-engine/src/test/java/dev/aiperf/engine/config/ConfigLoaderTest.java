package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Loading the envelope: substitution, normalisation, errors with path, line and fix, multi_run, redaction. */
class ConfigLoaderTest {

    private static AIPerfConfig load(String yaml) {
        return ConfigLoader.loadString(yaml, "test.yaml", Map.of());
    }

    private static ConfigException error(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> load(yaml));
    }

    // ------------------------------------------------------------ substitution

    @Test
    void substitutedScalarsKeepTheirYamlType() {
        AIPerfConfig c = ConfigLoader.loadString("""
                benchmark:
                  phases:
                    - name: profiling
                      concurrency: ${N:5}
                      requests: ${COUNT}
                  endpoint:
                    streaming: ${STREAM:false}
                """, "t.yaml", Map.of("COUNT", "40", "STREAM", "true"));
        assertThat(c.benchmark().phases().get(0).concurrency()).isEqualTo(5);
        assertThat(c.benchmark().phases().get(0).requests()).isEqualTo(40);
        assertThat(c.benchmark().endpoint().streaming()).isTrue();
        assertThat(c.benchmarkTree().path("phases").get(0).path("concurrency").isInt()).isTrue();
    }

    @Test
    void missingRequiredVariableIsNamedWithItsLine() {
        assertThatThrownBy(() -> ConfigLoader.loadString("""
                benchmark:
                  models: [m]
                  endpoint:
                    urls: [${INFERENCE_URL}]
                """, "ci.yaml", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 4")
                .hasMessageContaining("'INFERENCE_URL'")
                .hasMessageContaining("${INFERENCE_URL:value}");
    }

    @Test
    void defaultsMayContainColonsAndCommentsAreNotSubstituted() {
        AIPerfConfig c = ConfigLoader.loadString("""
                # set ${UNSET_IN_COMMENT} in CI
                benchmark:
                  models: [m]
                  endpoint:
                    url: ${URL:http://localhost:9000}  # or ${ALSO_UNSET}
                """, "t.yaml", Map.of());
        assertThat(c.benchmark().endpoint().urls()).containsExactly("http://localhost:9000/v1/chat/completions");
    }

    // ------------------------------------------------------------ errors

    @Test
    void unknownKeyGivesPathLineAndSuggestion() {
        ConfigException e = error("""
                benchmark:
                  phases:
                    - name: profiling
                      concurency: 4
                """);
        assertThat(e.path()).isEqualTo("benchmark.phases[0].concurency");
        assertThat(e.line()).hasValue(4);
        assertThat(e.getMessage()).contains("did you mean 'concurrency'?");
    }

    @Test
    void unknownTopLevelKeyAndMisplacedBodyKey() {
        assertThat(error("sweeps: {}\n").getMessage()).contains("line 1").contains("did you mean 'sweep'?");
        assertThat(error("endpoint: {url: http://x}\n").getMessage()).contains("belongs under benchmark:");
    }

    @Test
    void everyProblemIsReportedOnceWithItsOwnLine() {
        ConfigException e = error("""
                benchmark:
                  endpoint:
                    type: chatt
                    timeout: -1
                  phases:
                    - name: profiling
                      concurrency: 0
                      requests: lots
                multi_run:
                  num_runs: 11
                """);
        String m = e.getMessage();
        assertThat(e.path()).isEqualTo("benchmark.endpoint.type");
        assertThat(e.line()).hasValue(3);
        assertThat(m).contains("did you mean 'chat'?")
                .contains("4 more problem(s)")
                .contains("benchmark.endpoint.timeout (line 4): must be > 0; got -1")
                .contains("benchmark.phases[0].concurrency (line 7): must be >= 1; got 0")
                .contains("benchmark.phases[0].requests (line 8): expected a number; got 'lots'")
                .contains("multi_run.num_runs (line 10): must be between 1 and 10; got 11");
    }

    @Test
    void wrongTypesAreNamed() {
        assertThat(error("benchmark: {endpoint: {streaming: maybe}}\n").getMessage())
                .contains("benchmark.endpoint.streaming").contains("expected true or false");
        assertThat(error("benchmark: {phases: {profiling: {concurrency: 2}}}\n").getMessage())
                .contains("benchmark.phases").contains("expected a non-empty list of phases");
        assertThat(error("benchmark: [1, 2]\n").getMessage()).contains("benchmark").contains("expected a mapping");
    }

    @Test
    void duplicateKeysAndBadYamlAreReportedWithLines() {
        ConfigException dup = error("""
                benchmark:
                  models: [a]
                  models: [b]
                """);
        assertThat(dup.getMessage()).contains("line 3").contains("Duplicate field 'models'");
        assertThat(error("benchmark:\n  models: [a\n").getMessage()).contains("not valid YAML");
        assertThat(error("benchmark: {phases: [{rate: .inf}]}\n").getMessage()).contains("line 1");
        assertThat(error("benchmark: {phases: [{rate: inf}]}\n").getMessage())
                .contains("benchmark.phases[0].rate").contains("finite");
    }

    @Test
    void errorInASingularDatasetPointsAtItsLine() {
        ConfigException e = error("""
                benchmark:
                  dataset:
                    entries: 10
                    prompts:
                      isl: {mean: 100, median: 200}
                """);
        assertThat(e.path()).isEqualTo("benchmark.datasets[0].prompts.isl.median");
        assertThat(e.line()).hasValue(5);
        assertThat(e.getMessage()).contains("median <= mean");
    }

    @Test
    void multipleDatasetsAreRejected() {
        assertThat(error("""
                benchmark:
                  datasets:
                    - {name: a}
                    - {name: b}
                """).getMessage()).contains("line 2")
                .contains("multiple datasets per config are not supported; run separate sweeps");
        assertThat(error("benchmark: {dataset: {}, datasets: [{}]}\n").getMessage()).contains("keep one");
    }

    // ------------------------------------------------------------ normalisation, envelope

    @Test
    void singularDatasetAndStringModelAreNormalised() {
        AIPerfConfig c = load("""
                benchmark:
                  models: my-model
                  dataset: {name: chat, entries: 5}
                random_seed: 7
                variables: {team: infra}
                no_sweep_table: true
                """);
        ObjectNode tree = c.benchmarkTree();
        assertThat(tree.path("models").toString()).isEqualTo("[\"my-model\"]");
        assertThat(tree.path("datasets").toString()).isEqualTo("[{\"name\":\"chat\",\"entries\":5}]");
        assertThat(c.benchmark().dataset().name()).isEqualTo("chat");
        assertThat(c.randomSeed()).isEqualTo(7L);
        assertThat(c.variables().path("team").asText()).isEqualTo("infra");
        assertThat(c.sweepTree()).isNull();
    }

    @Test
    void yamlMagicListsBecomeAGrid() {
        AIPerfConfig c = load("""
                benchmark:
                  phases:
                    - name: profiling
                      concurrency: [1, 2, 4]
                      requests: 20
                """);
        assertThat(c.sweepTree().toString())
                .isEqualTo("{\"type\":\"grid\",\"parameters\":{\"phases.profiling.concurrency\":[1,2,4]}}");
        assertThat(c.benchmark().phases().get(0).concurrency()).isEqualTo(1);
        assertThat(error("benchmark: {phases: [{name: profiling, concurrency: [2, 2, 2]}]}\n").getMessage())
                .contains("repeats the value 2");
        assertThat(error("""
                benchmark:
                  phases: [{name: profiling, concurrency: [1, 2]}]
                sweep: {parameters: {rate: [1, 2]}}
                """).getMessage()).contains("benchmark.phases[0].concurrency (line 2)")
                .contains("only used when there is no sweep: block");
    }

    @Test
    void emptyFileGivesTheEmbeddedDefaults() {
        AIPerfConfig c = load("");
        assertThat(c.benchmark().endpoint().usesEmbeddedServer()).isTrue();
        assertThat(c.benchmark().artifacts().dir()).isEqualTo(Path.of("artifacts/mock-model-openai-chat-concurrency1"));
    }

    @Test
    void loadsFromAFileAndNamesAMissingOne(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "random_seed: 3\n");
        assertThat(ConfigLoader.load(f, Map.of()).randomSeed()).isEqualTo(3L);
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }

    @Test
    void fromTreeAcceptsAFrontEndsTree() {
        ObjectNode env = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        env.putObject("benchmark").putArray("phases").addObject().put("name", "profiling").put("concurrency", 3);
        AIPerfConfig c = ConfigLoader.fromTree(env, SourceLines.NONE);
        assertThat(c.benchmark().phases().get(0).concurrency()).isEqualTo(3);
    }

    // ------------------------------------------------------------ multi_run

    @Test
    void multiRunWithConvergence() {
        MultiRunConfig m = load("""
                multi_run:
                  num_runs: 8
                  confidence_level: 0.9
                  vary_seed_per_trial: true
                  convergence: {metric: request_throughput, mode: cv, min_runs: 3}
                """).multiRun();
        assertThat(m.numRuns()).isEqualTo(8);
        assertThat(m.confidenceLevel()).isEqualTo(0.9);
        assertThat(m.varySeedPerTrial()).isTrue();
        assertThat(m.convergence()).isEqualTo(new MultiRunConfig.ConvergenceConfig(
                "request_throughput", "avg", MultiRunConfig.ConvergenceConfig.Mode.CV, 0.05, 3));
        assertThat(load("multi_run: {num_runs: 3, convergence: {metric: x}}\n").multiRun().convergence().threshold())
                .isEqualTo(0.10);
    }

    @Test
    void multiRunRangesAndMessages() {
        assertThat(error("multi_run: {num_runs: 0}\n").getMessage()).contains("must be between 1 and 10; got 0");
        assertThat(error("multi_run: {cooldown_seconds: 1e18}\n").getMessage()).contains("between 0 and 86400");
        assertThat(error("multi_run: {confidence_level: 1}\n").getMessage())
                .contains("Invalid confidence level: 1").contains("(exclusive)");
        assertThat(error("multi_run: {num_runs: 3, convergence: {metric: request_throughput, min_runs: 5}}\n")
                .getMessage()).contains("convergence.min_runs (5) must be <= num_runs (3)");
        assertThat(error("multi_run: {num_runs: 3, convergence: {metric: m, threshold: 1.5}}\n").getMessage())
                .contains("multi_run.convergence.threshold").contains("between 0 and 1");
        assertThat(error("multi_run: {num_runs: 3, convergence: {metric: m, stat: p98}}\n").getMessage())
                .contains("did you mean");
        assertThat(error("multi_run: {num_run: 3}\n").getMessage()).contains("did you mean 'num_runs'?");
        String convergence = "multi_run: {num_runs: 5, convergence: {metric: request_throughput}}\n";
        assertThat(error(convergence + "sweep: {parameters: {concurrency: [1, 2]}}\n").getMessage())
                .contains("Use 'independent' instead");
        assertThat(load(convergence + "sweep: {iteration_order: independent, parameters: {concurrency: [1, 2]}}\n")
                .multiRun().convergence()).isNotNull();
    }

    // ------------------------------------------------------------ redaction

    @Test
    void redactedTreeHidesKeysAndAuthorizationHeaders() {
        AIPerfConfig c = load("""
                benchmark:
                  models: [m]
                  endpoint:
                    url: http://localhost:8000
                    api_key: sk-secret-1
                    headers: {Authorization: Bearer sk-secret-2, X-Team: infra}
                sweep:
                  type: scenarios
                  runs:
                    - name: other
                      benchmark: {endpoint: {api_key: sk-secret-3}}
                """);
        ObjectNode red = ConfigLoader.redactedTree(c);
        String json = red.toString();
        assertThat(json).doesNotContain("sk-secret").contains("<redacted>").contains("infra");
        assertThat(red.path("benchmark").path("endpoint").path("headers").path("Authorization").asText())
                .isEqualTo("<redacted>");
        assertThat(red.path("multi_run").path("num_runs").asInt()).isEqualTo(1);
        // The config itself still carries the key, and its toString does not show it.
        assertThat(c.benchmark().endpoint().apiKey()).isEqualTo("sk-secret-1");
        assertThat(c.benchmark().toString()).doesNotContain("sk-secret-1");
        assertThat(c.toString()).doesNotContain("sk-secret").contains("<redacted>");
        assertThat(c.benchmarkTree().path("endpoint").path("api_key").asText()).isEqualTo("sk-secret-1");
    }
}
