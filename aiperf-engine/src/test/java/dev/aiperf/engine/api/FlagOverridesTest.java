package dev.aiperf.engine.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.ProfileOptions;
import dev.aiperf.engine.api.model.SlaOp;
import dev.aiperf.engine.api.model.SlaRule;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.ConfigLoader;
import dev.aiperf.engine.config.Distribution;
import dev.aiperf.engine.config.FlagOverrides;
import dev.aiperf.engine.config.PhaseConfig;
import dev.aiperf.engine.config.PhaseType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Flags over YAML, and the seed's CLI magic-list examples translated to sweep blocks. */
class FlagOverridesTest {
    private static final String[] BASE = {"--model", "X", "--url", "http://localhost:8000"};

    private static ProfileOptions parse(String... args) {
        return TestFlags.options(args);
    }

    /** Runs the whole flow of {@code aiperf profile --model X --url Y <args>}. */
    private static AIPerfConfig profile(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(BASE));
        all.addAll(Arrays.asList(args));
        return TestFlags.resolve(parse(all.toArray(String[]::new)), Map.of());
    }

    private static String sweep(String... args) {
        AIPerfConfig c = profile(args);
        return c.sweepTree() == null ? null : c.sweepTree().toString();
    }

    @Test
    void harnessWarmupFlagSetsTheRequestCountAndRefusesNegatives() {
        assertThat(parse(BASE).harnessWarmupRequests()).isNull();
        assertThat(parse("--harness-warmup-requests", "2000").harnessWarmupRequests()).isEqualTo(2000);
        assertThat(Benchmark.of(parse("--harness-warmup-requests", "0")).trials()).isEqualTo(1);
        assertThatThrownBy(() -> Benchmark.of(parse("--harness-warmup-requests", "-5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--harness-warmup-requests").hasMessageContaining("-5");
    }

    // ------------------------------------------------------------ the seed's magic-list examples

    @Test
    void phaseRootedMagicLists() {
        assertThat(sweep("--concurrency", "1,2,4,8,16"))
                .isEqualTo("{\"type\":\"grid\",\"parameters\":{\"phases.profiling.concurrency\":[1,2,4,8,16]}}");
        assertThat(sweep("--prefill-concurrency", "1,2,4", "--streaming"))
                .isEqualTo("{\"type\":\"grid\",\"parameters\":{\"phases.profiling.prefill_concurrency\":[1,2,4]}}");
        assertThat(sweep("--request-rate", "10,20,50"))
                .isEqualTo("{\"type\":\"grid\",\"parameters\":{\"phases.profiling.rate\":[10.0,20.0,50.0]}}");
        assertThat(sweep("--request-count", "100,500,1000"))
                .isEqualTo("{\"type\":\"grid\",\"parameters\":{\"phases.profiling.requests\":[100,500,1000]}}");
        assertThat(sweep("--benchmark-duration", "30,60,120"))
                .isEqualTo("{\"type\":\"grid\",\"parameters\":{\"phases.profiling.duration\":[30.0,60.0,120.0]}}");
        assertThat(sweep("--num-conversations", "50,100,200"))
                .isEqualTo("{\"type\":\"grid\",\"parameters\":{\"phases.profiling.sessions\":[50,100,200]}}");
        AIPerfConfig users = profile("--user-centric-rate", "10", "--num-users", "4,8,16");
        assertThat(users.sweepTree().toString())
                .isEqualTo("{\"type\":\"grid\",\"parameters\":{\"phases.profiling.users\":[4,8,16]}}");
        assertThat(users.benchmark().phases().get(0).type()).isEqualTo(PhaseType.USER_CENTRIC);
        assertThat(users.benchmark().phases().get(0).rate()).isEqualTo(10.0);
        assertThat(users.benchmark().phases().get(0).users()).isEqualTo(4);
    }

    @Test
    void datasetRootedMagicLists() {
        assertThat(sweep("--isl", "128,512,2048"))
                .isEqualTo("{\"type\":\"grid\",\"parameters\":{\"datasets.main.prompts.isl.mean\":[128,512,2048]}}");
        assertThat(sweep("--osl", "64,128,256"))
                .isEqualTo("{\"type\":\"grid\",\"parameters\":{\"datasets.main.prompts.osl.mean\":[64,128,256]}}");
        assertThat(sweep("--isl-stddev", "10,50,200"))
                .isEqualTo("{\"type\":\"grid\",\"parameters\":{\"datasets.main.prompts.isl.stddev\":[10,50,200]}}");
        assertThat(sweep("--osl", "128", "--osl-stddev", "5,25,100"))
                .isEqualTo("{\"type\":\"grid\",\"parameters\":{\"datasets.main.prompts.osl.stddev\":[5,25,100]}}");
        assertThat(sweep("--conversation-turn-mean", "1,3,8"))
                .isEqualTo("{\"type\":\"grid\",\"parameters\":{\"datasets.main.turns.mean\":[1,3,8]}}");
    }

    @Test
    void placeholdersStayInTheBase() {
        AIPerfConfig c = profile("--isl", "128,512", "--concurrency", "4,8");
        assertThat(c.sweepTree().path("parameters").size()).isEqualTo(2);
        assertThat(c.benchmark().phases().get(0).concurrency()).isEqualTo(4);
        assertThat(c.benchmark().dataset().isl()).isEqualTo(new Distribution.Fixed(128));
        assertThat(c.benchmarkTree().path("datasets").get(0).toString())
                .isEqualTo("{\"name\":\"main\",\"prompts\":{\"isl\":{\"mean\":128}}}");
    }

    @Test
    void zipExamples() {
        assertThat(sweep("--sweep-type", "zip", "--isl", "128,512,2048", "--osl", "128,256,512",
                "--concurrency", "4,16,64"))
                .isEqualTo("{\"type\":\"zip\",\"parameters\":{\"phases.profiling.concurrency\":[4,16,64],"
                        + "\"datasets.main.prompts.isl.mean\":[128,512,2048],"
                        + "\"datasets.main.prompts.osl.mean\":[128,256,512]}}");
        AIPerfConfig shapes = profile("--sweep-type", "zip", "--isl", "128,512,2048", "--isl-stddev", "10,50,200",
                "--osl", "64,256,1024", "--osl-stddev", "5,25,100");
        assertThat(shapes.sweepTree().path("parameters").fieldNames()).toIterable().containsExactly(
                "datasets.main.prompts.isl.mean", "datasets.main.prompts.isl.stddev",
                "datasets.main.prompts.osl.mean", "datasets.main.prompts.osl.stddev");
        assertThat(shapes.benchmark().dataset().isl()).isEqualTo(new Distribution.Normal(128, 10));
        assertThat(shapes.benchmark().dataset().osl()).isEqualTo(new Distribution.Normal(64, 5));
        AIPerfConfig turns = profile("--sweep-type", "zip", "--num-conversations", "10,50,200",
                "--conversation-turn-mean", "1,3,8", "--concurrency", "4,16,64");
        assertThat(turns.sweepTree().path("parameters").fieldNames()).toIterable().containsExactly(
                "phases.profiling.concurrency", "phases.profiling.sessions", "datasets.main.turns.mean");
        assertThat(turns.benchmark().phases().get(0).sessions()).isEqualTo(10);
        assertThat(turns.benchmark().dataset().turns()).isEqualTo(new Distribution.Fixed(1));
    }

    @Test
    void aScalarIsNoSweep() {
        AIPerfConfig c = profile("--concurrency", "8", "--isl", "256", "--sweep-type", "zip");
        assertThat(c.sweepTree()).isNull();
        assertThat(c.benchmark().phases().get(0).concurrency()).isEqualTo(8);
    }

    @Test
    void badListsAreRejected() {
        assertThatThrownBy(() -> profile("--concurrency", "2,2,2")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--concurrency").hasMessageContaining("repeats the value 2");
        assertThatThrownBy(() -> profile("--concurrency", "1,two,4")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'two' in '1,two,4' is not a number");
        assertThatThrownBy(() -> profile("--concurrency", "1,2.5")).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> profile("--request-rate", "0,5")).hasMessageContaining("must be > 0");
        assertThatThrownBy(() -> profile("--sweep-type", "zip", "--isl", "1,2,3", "--osl", "1,2"))
                .hasMessageContaining("zip sweep parameters must all have equal length")
                .hasMessageContaining("{--isl=3, --osl=2}");
        assertThatThrownBy(() -> profile("--sweep-type", "cartesian", "--isl", "1,2"))
                .hasMessageContaining("use grid or zip");
        assertThatThrownBy(() -> profile("--osl-stddev", "5")).hasMessageContaining("add --osl N");
    }

    // ------------------------------------------------------------ flags over YAML

    private static Path yaml(Path dir, String text) throws IOException {
        Path f = dir.resolve("bench.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void flagsOverrideTheYaml(@TempDir Path dir) throws IOException {
        Path f = yaml(dir, """
                benchmark:
                  models: [from-yaml]
                  endpoint: {url: "http://yaml-host:1", streaming: false, headers: {X-A: a}}
                  dataset: {prompts: {isl: 100, osl: {type: normal, mean: 50, stddev: 5}}}
                  phases:
                    - {name: profiling, type: concurrency, concurrency: 2, duration: 60, grace_period: 5}
                random_seed: 1
                """);
        AIPerfConfig c = TestFlags.resolve(parse("--config", f.toString(), "--model", "a,b", "--url",
                "http://flag-host:2/v1", "--endpoint-type", "completions", "--streaming", "--concurrency", "6",
                "--request-count", "40", "--isl", "300", "--osl", "70", "--random-seed", "9", "--header",
                "X-B: b", "--request-timeout-seconds", "12.5", "--tokenizer", "o200k_base",
                "--use-server-token-count", "--artifact-dir", "out/run", "--warmup-request-count", "5"), Map.of());
        assertThat(c.benchmark().models()).containsExactly("a", "b");
        assertThat(c.benchmark().endpoint().urls()).containsExactly("http://flag-host:2/v1/completions");
        assertThat(c.benchmark().endpoint().streaming()).isTrue();
        assertThat(c.benchmark().endpoint().headers()).isEqualTo(Map.of("X-A", "a", "X-B", "b"));
        assertThat(c.benchmark().endpoint().timeoutSeconds()).isEqualTo(12.5);
        assertThat(c.benchmark().endpoint().useServerTokenCount()).isTrue();
        assertThat(c.benchmark().dataset().tokenizer()).isEqualTo("o200k_base");
        assertThat(c.benchmark().dataset().isl()).isEqualTo(new Distribution.Fixed(300));
        assertThat(c.benchmark().dataset().osl()).isEqualTo(new Distribution.Normal(70, 5));
        assertThat(c.randomSeed()).isEqualTo(9L);
        assertThat(c.benchmark().artifacts().dir()).isEqualTo(Path.of("out/run"));
        List<PhaseConfig> phases = c.benchmark().phases();
        assertThat(phases).extracting(PhaseConfig::name).containsExactly("warmup", "profiling");
        assertThat(phases.get(0).excludeFromResults()).isTrue();
        assertThat(phases.get(0).requests()).isEqualTo(5);
        assertThat(phases.get(0).concurrency()).isEqualTo(6);
        // --request-count replaced the YAML's duration stop condition (and its grace period).
        assertThat(phases.get(1).requests()).isEqualTo(40);
        assertThat(phases.get(1).duration()).isNull();
        assertThat(phases.get(1).gracePeriod()).isNull();
    }

    @Test
    void requestRateSwitchesToOpenLoop() {
        PhaseConfig p = profile("--request-rate", "12.5", "--request-rate-mode", "constant", "--concurrency", "32",
                "--benchmark-duration", "20", "--benchmark-grace-period", "0").benchmark().phases().get(0);
        assertThat(p.type()).isEqualTo(PhaseType.CONSTANT);
        assertThat(p.rate()).isEqualTo(12.5);
        assertThat(p.concurrency()).isEqualTo(32);
        assertThat(p.duration()).isEqualTo(20.0);
        assertThat(p.requests()).isNull();
        assertThat(p.gracePeriod()).isEqualTo(0.0);
        assertThat(profile("--request-rate", "5").benchmark().phases().get(0).type()).isEqualTo(PhaseType.POISSON);
        assertThatThrownBy(() -> profile("--request-rate-mode", "poisson")).hasMessageContaining("add --request-rate");
    }

    @Test
    void aYamlSweepWinsOverSweepTypeAndExcludesMagicLists(@TempDir Path dir) throws IOException {
        Path f = yaml(dir, """
                sweep:
                  type: grid
                  parameters: {concurrency: [1, 2]}
                """);
        AIPerfConfig c = TestFlags.resolve(parse("--config", f.toString(), "--sweep-type", "zip",
                "--parameter-sweep-same-seed", "--parameter-sweep-cooldown-seconds", "3"), Map.of());
        assertThat(c.sweepTree().path("type").asText()).isEqualTo("grid");
        assertThat(c.sweepTree().path("same_seed").asBoolean()).isTrue();
        assertThat(c.sweepTree().path("cooldown_seconds").asDouble()).isEqualTo(3.0);
        assertThatThrownBy(() -> TestFlags.resolve(parse("--config", f.toString(), "--isl", "1,2"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("magic-list flags [--isl] cannot be combined with the config's sweep: block");
        assertThat(profile("--concurrency", "1,2", "--no-parameter-sweep-same-seed").sweepTree()
                .path("same_seed").asBoolean(true)).isFalse();
    }

    @Test
    void phaseFlagsNeedAProfilingPhase(@TempDir Path dir) throws IOException {
        Path f = yaml(dir, "benchmark: {phases: [{name: a, requests: 1}, {name: b, requests: 1}]}\n");
        assertThatThrownBy(() -> TestFlags.resolve(parse("--config", f.toString(), "--concurrency", "2"), Map.of()))
                .hasMessageContaining("no such phase");
        Path single = yaml(dir, "benchmark: {phases: [{name: warmup, exclude_from_results: true},"
                + " {name: main_load, requests: 3}]}\n");
        AIPerfConfig c = TestFlags.resolve(parse("--config", single.toString(), "--concurrency", "2,4"), Map.of());
        assertThat(c.sweepTree().path("parameters").has("phases.main_load.concurrency")).isTrue();
    }

    @Test
    void multiRunFlags() {
        AIPerfConfig c = profile("--num-profile-runs", "4", "--profile-run-cooldown-seconds", "2",
                "--confidence-level", "0.99");
        assertThat(c.multiRun().numRuns()).isEqualTo(4);
        assertThat(c.multiRun().cooldownSeconds()).isEqualTo(2.0);
        assertThat(c.multiRun().confidenceLevel()).isEqualTo(0.99);
        assertThatThrownBy(() -> profile("--num-profile-runs", "11")).hasMessageContaining("multi_run.num_runs")
                .hasMessageContaining("between 1 and 10");
    }

    @Test
    void dashboardIsRejectedWithSweepsAndMultiRun() {
        String msg = "Dashboard UI is not supported with sweep/multi-run mode.\n"
                + "Please use '--ui simple' or '--ui none' instead.";
        assertThatThrownBy(() -> Benchmark.of(parse("--ui", "dashboard", "--concurrency", "1,2")))
                .hasMessageContaining(msg);
        assertThatThrownBy(() -> Benchmark.of(parse("--ui", "dashboard", "--num-profile-runs", "3")))
                .hasMessageContaining(msg);
        assertThat(Benchmark.of(parse("--ui", "dashboard")).cells()).hasSize(1);
        assertThat(Benchmark.of(parse("--ui", "none")).cells()).hasSize(1);
        assertThatThrownBy(() -> Benchmark.of(parse("--ui", "fancy")))
                .hasMessageContaining("use simple, none or dashboard");
    }

    @Test
    void slaRulesAreParsed() {
        assertThat(Benchmark.of(parse("--streaming", "--sla", "time_to_first_token:p99:lt:200", "--sla",
                "request_throughput:avg:ge:5")).gates()).containsExactly(
                new SlaRule("time_to_first_token", "p99", SlaOp.LT, 200),
                new SlaRule("request_throughput", "avg", SlaOp.GE, 5));
        assertThatThrownBy(() -> Benchmark.of(parse("--sla", "ttft:p99:200"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("4 colon-separated parts");
        assertThat(Benchmark.of(parse()).gates()).isEmpty();
    }

    @Test
    void apiKeyFromFlagOrEnvironmentIsRedacted() {
        AIPerfConfig fromEnv = TestFlags.resolve(parse(BASE), Map.of("OPENAI_API_KEY", "sk-env"));
        assertThat(fromEnv.benchmark().endpoint().apiKey()).isEqualTo("sk-env");
        AIPerfConfig both = TestFlags.resolve(parse("--api-key", "sk-flag"),
                Map.of("AIPERF_API_KEY", "sk-aiperf", "OPENAI_API_KEY", "sk-env"));
        assertThat(both.benchmark().endpoint().apiKey()).isEqualTo("sk-flag");
        assertThat(TestFlags.resolve(parse(), Map.of("AIPERF_API_KEY", "sk-aiperf", "OPENAI_API_KEY", "sk-env"))
                .benchmark().endpoint().apiKey()).isEqualTo("sk-aiperf");
        ObjectNode red = ConfigLoader.redactedTree(both);
        assertThat(red.toString()).doesNotContain("sk-flag");
        assertThat(ConfigLoader.redactedTree(profile("--header", "Authorization:Bearer sk-h")).toString())
                .doesNotContain("sk-h");
    }

    @Test
    void applyDoesNotModifyItsInput() {
        ObjectNode env = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        env.putObject("benchmark").put("models", "m");
        String before = env.toString();
        ObjectNode out = FlagOverrides.apply(parse("--concurrency", "1,2"), env);
        assertThat(env.toString()).isEqualTo(before);
        assertThat(out.path("sweep").path("type").asText()).isEqualTo("grid");
        assertThatThrownBy(() -> FlagOverrides.apply(parse("--header", "nocolon"), env))
                .hasMessageContaining("is not KEY:VALUE");
    }

    @Test
    void theHttp2FlagSetsTheEndpointKeyAndIsOffByDefault() {
        AIPerfConfig on = TestFlags.resolve(parse("--url", "http://127.0.0.1:9", "--model", "m", "--http2"),
                Map.of());
        AIPerfConfig off = TestFlags.resolve(parse("--url", "http://127.0.0.1:9", "--model", "m"), Map.of());
        assertThat(on.benchmark().endpoint().http2()).isTrue();
        assertThat(off.benchmark().endpoint().http2()).isFalse();
        assertThat(on.benchmark().endpoint().urls()).isEqualTo(List.of("http://127.0.0.1:9/v1/chat/completions"));
    }
}
