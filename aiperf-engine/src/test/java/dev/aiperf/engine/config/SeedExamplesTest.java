package dev.aiperf.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every YAML example of the seed document (kept under samples/) loads, with the values the seed describes. */
class SeedExamplesTest {
    static final Path SEED = Path.of("../samples/src/test/resources/seed");

    static Stream<Path> seedFiles() throws IOException {
        return Files.list(SEED).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    static AIPerfConfig load(String name) {
        return ConfigLoader.load(SEED.resolve(name), Map.of());
    }

    @ParameterizedTest
    @MethodSource("seedFiles")
    void everySeedExampleLoads(Path file) {
        AIPerfConfig c = ConfigLoader.load(file, Map.of());
        assertThat(c.benchmark().phases()).isNotEmpty();
        assertThat(c.benchmarkTree().get("dataset")).isNull();
        assertThat(c.benchmarkTree().path("datasets").get(0).path("name").asText()).isEqualTo("main");
        assertThat(c.benchmark().dataset().name()).isEqualTo("main");
    }

    @Test
    void thereAreThirteenSeedExamplesPlusTheCiTemplate() throws IOException {
        assertThat(seedFiles().map(p -> p.getFileName().toString()).toList()).contains(
                "seed-01-saturation-grid.yaml", "seed-02-aliases.yaml", "seed-03-aliases-canonical.yaml",
                "seed-04-zip-isl-osl.yaml", "seed-05-scenarios-workloads.yaml", "seed-06-isl-grid.yaml",
                "seed-07-scenarios-distribution-types.yaml", "seed-08-scenarios-isl-osl-pairs.yaml",
                "seed-09-multi-run.yaml", "seed-10-sweep-multi-run.yaml", "seed-11-same-seed.yaml",
                "seed-12-cooldowns.yaml", "seed-13-env-ci.yaml", "sweep_ci.yaml");
    }

    @Test
    void saturationGrid() {
        AIPerfConfig c = load("seed-01-saturation-grid.yaml");
        BenchmarkConfig b = c.benchmark();
        assertThat(b.models()).containsExactly("meta-llama/Llama-3.1-8B-Instruct");
        assertThat(b.endpoint().urls()).containsExactly("http://localhost:8000/v1/chat/completions");
        assertThat(b.endpoint().streaming()).isTrue();
        assertThat(b.dataset().entries()).isEqualTo(2000);
        assertThat(b.dataset().isl()).isEqualTo(new Distribution.Normal(512, 50));
        assertThat(b.dataset().osl()).isEqualTo(new Distribution.Normal(128, 25));
        PhaseConfig p = b.phases().get(0);
        assertThat(p.name()).isEqualTo("profiling");
        assertThat(p.type()).isEqualTo(PhaseType.POISSON);
        assertThat(p.duration()).isEqualTo(120.0);
        assertThat(p.rate()).isEqualTo(10.0);
        assertThat(p.concurrency()).isEqualTo(8);
        assertThat(p.gracePeriod()).isEqualTo(30.0);
        assertThat(p.requests()).isNull();
        assertThat(b.artifacts().dir()).isEqualTo(Path.of("./artifacts/saturation_sweep"));
        assertThat(b.artifacts().summary()).containsExactly("json");
        assertThat(c.sweepTree().path("type").asText()).isEqualTo("grid");
        assertThat(c.sweepTree().path("parameters").path("phases.profiling.concurrency").toString())
                .isEqualTo("[8,32,64,128]");
        assertThat(c.multiRun()).isEqualTo(MultiRunConfig.DEFAULT);
        assertThat(c.randomSeed()).isNull();
    }

    @Test
    void sweepOnlySnippetsBindOnTheDefaults() {
        // The seed shows the alias sweep as a bare snippet; on its own it binds on the defaults.
        AIPerfConfig c = ConfigLoader.loadString("""
                sweep:
                  type: grid
                  parameters:
                    concurrency: [8, 32, 64, 128]  # sugar
                    rate: [10, 50, 100]            # sugar
                """, "aliases-snippet.yaml", Map.of());
        assertThat(c.sweepTree().path("parameters").fieldNames()).toIterable().containsExactly("concurrency", "rate");
        assertThat(c.benchmark().endpoint().usesEmbeddedServer()).isTrue();
        assertThat(c.benchmark().models()).containsExactly("mock-model");
        assertThat(c.benchmarkTree().path("phases").get(0).path("name").asText()).isEqualTo("profiling");
    }

    @Test
    void zipSweepKeepsItsRawParameters() {
        AIPerfConfig c = load("seed-04-zip-isl-osl.yaml");
        assertThat(c.sweepTree().path("type").asText()).isEqualTo("zip");
        assertThat(c.sweepTree().path("parameters").path("dataset.prompts.osl").toString()).isEqualTo("[128,256,512]");
        assertThat(c.benchmark().phases().get(0).type()).isEqualTo(PhaseType.CONCURRENCY);
        assertThat(c.benchmark().dataset().isl()).isEqualTo(new Distribution.Fixed(550));
        assertThat(c.benchmark().dataset().osl()).isNull();
    }

    @Test
    void scenariosStayRawForThePlanner() {
        AIPerfConfig c = load("seed-05-scenarios-workloads.yaml");
        assertThat(c.sweepTree().path("runs")).hasSize(3);
        assertThat(c.sweepTree().path("runs").get(2).path("name").asText()).isEqualTo("long_context_qa");
        assertThat(c.benchmark().phases().get(0).rate()).isEqualTo(20.0);
    }

    @Test
    void fixedIslIsAFixedDistribution() {
        AIPerfConfig c = load("seed-06-isl-grid.yaml");
        assertThat(c.benchmark().dataset().isl()).isEqualTo(new Distribution.Fixed(128));
    }

    @Test
    void multiRunSnippet() {
        MultiRunConfig m = load("seed-09-multi-run.yaml").multiRun();
        assertThat(m).isEqualTo(new MultiRunConfig(5, 10.0, 0.95, true, false, true, null));
    }

    @Test
    void sweepPlusMultiRunWithWarmup() {
        AIPerfConfig c = load("seed-10-sweep-multi-run.yaml");
        List<PhaseConfig> phases = c.benchmark().phases();
        assertThat(phases).extracting(PhaseConfig::name).containsExactly("warmup", "profiling");
        assertThat(phases.get(0).excludeFromResults()).isTrue();
        assertThat(phases.get(0).requests()).isEqualTo(100);
        assertThat(phases.get(1).seamless()).isTrue();
        assertThat(c.benchmark().profilingPhases()).extracting(PhaseConfig::name).containsExactly("profiling");
        assertThat(c.multiRun().numRuns()).isEqualTo(3);
        assertThat(c.multiRun().cooldownSeconds()).isEqualTo(5.0);
        assertThat(c.randomSeed()).isEqualTo(42L);
    }

    @Test
    void sameSeedAndCooldowns() {
        AIPerfConfig same = load("seed-11-same-seed.yaml");
        assertThat(same.randomSeed()).isEqualTo(42L);
        assertThat(same.sweepTree().path("same_seed").asBoolean()).isTrue();
        AIPerfConfig cool = load("seed-12-cooldowns.yaml");
        assertThat(cool.sweepTree().path("cooldown_seconds").asDouble()).isEqualTo(30.0);
        assertThat(cool.multiRun().numRuns()).isEqualTo(5);
        assertThat(cool.multiRun().cooldownSeconds()).isEqualTo(10.0);
    }

    @Test
    void ciTemplateUsesItsDefaultsWithoutEnvironment() {
        AIPerfConfig literal = load("seed-13-env-ci.yaml");
        AIPerfConfig templated = load("sweep_ci.yaml");
        assertThat(templated.benchmark()).isEqualTo(literal.benchmark());
        assertThat(templated.multiRun()).isEqualTo(literal.multiRun());
    }

    @Test
    void ciJobOverridesFromTheEnvironment() {
        AIPerfConfig c = ConfigLoader.load(SEED.resolve("sweep_ci.yaml"), Map.of(
                "INFERENCE_URL", "http://gpu-server:8000/v1/chat/completions",
                "MODEL_NAME", "nvidia/Llama-3.1-Nemotron-70B-Instruct",
                "NUM_RUNS", "5",
                "DURATION", "300"));
        assertThat(c.benchmark().endpoint().urls()).containsExactly("http://gpu-server:8000/v1/chat/completions");
        assertThat(c.benchmark().models()).containsExactly("nvidia/Llama-3.1-Nemotron-70B-Instruct");
        assertThat(c.multiRun().numRuns()).isEqualTo(5);
        assertThat(c.benchmark().phases().get(0).duration()).isEqualTo(300.0);
        // Substituted before parsing: the number stays a number in the tree.
        assertThat(c.benchmarkTree().path("phases").get(0).path("duration").isNumber()).isTrue();
    }
}
