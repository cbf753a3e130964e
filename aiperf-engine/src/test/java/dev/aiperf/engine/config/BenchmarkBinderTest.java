package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aiperf.engine.api.model.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Binding one benchmark body: AIPerf's defaults, URLs, distributions, phases, ramps, artifacts, SLOs. */
class BenchmarkBinderTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static BenchmarkConfig bind(String yaml) {
        try {
            return BenchmarkBinder.bind((ObjectNode) YAML.readTree(yaml), YamlSourceLines.scan(yaml), "");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static String error(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> bind(yaml)).getMessage();
    }

    @Test
    void defaultsMatchAIPerf() {
        BenchmarkConfig b = bind("{}");
        assertThat(b.models()).containsExactly("mock-model");
        EndpointConfig e = b.endpoint();
        assertThat(e.type()).isEqualTo(EndpointType.CHAT);
        assertThat(e.streaming()).isFalse();
        assertThat(e.timeoutSeconds()).isEqualTo(600.0);
        assertThat(e.usesEmbeddedServer()).isTrue();
        assertThat(e.http2()).isFalse();
        DatasetConfig d = b.dataset();
        assertThat(d.isl()).isEqualTo(new Distribution.Fixed(550));
        assertThat(d.osl()).isNull();
        assertThat(d.tokenizer()).isEqualTo("cl100k_base");
        PhaseConfig p = b.phases().get(0);
        assertThat(p).isEqualTo(new PhaseConfig("profiling", PhaseType.CONCURRENCY, 10, null, null, 1, null, null,
                false, false, null, null, null, null, null));
        assertThat(b.artifacts().dir()).isEqualTo(Path.of("artifacts/mock-model-openai-chat-concurrency1"));
        assertThat(b.artifacts().summary()).containsExactly("json", "csv");
        assertThat(b.slos()).isEmpty();
    }

    @Test
    void artifactDirectoryIsNamedAfterModelTypeAndStimulus() {
        BenchmarkConfig b = bind("""
                models: [meta-llama/Llama-3.1-8B-Instruct]
                endpoint: {url: "http://h:1", type: completions}
                phases: [{name: profiling, type: poisson, rate: 10, concurrency: 4, duration: 5}]
                """);
        assertThat(b.artifacts().dir().toString())
                .isEqualTo("artifacts/meta-llama_Llama-3.1-8B-Instruct-openai-completions-concurrency4-request_rate10.0");
        assertThat(bind("phases: [{rate: 2.5}]").artifacts().dir().toString())
                .isEqualTo("artifacts/mock-model-openai-chat-request_rate2.5");
    }

    @Test
    void baseUrlsGetTheTypesPathAndFullUrlsAreKept() {
        assertThat(bind("{models: [m], endpoint: {url: 'http://localhost:8000'}}").endpoint().urls())
                .containsExactly("http://localhost:8000/v1/chat/completions");
        assertThat(bind("{models: [m], endpoint: {url: 'http://localhost:8000/', type: embeddings}}").endpoint().urls())
                .containsExactly("http://localhost:8000/v1/embeddings");
        assertThat(bind("{models: [m], endpoint: {url: 'https://api.x.com/v1', type: completions}}").endpoint().urls())
                .containsExactly("https://api.x.com/v1/completions");
        assertThat(bind("{models: [m], endpoint: {urls: ['http://a:1/v1/chat/completions', 'http://b:2/custom/chat']}}")
                .endpoint().urls()).containsExactly("http://a:1/v1/chat/completions", "http://b:2/custom/chat");
        assertThat(bind("{models: [m], endpoint: {url: 'localhost:8000'}}").endpoint().urls())
                .containsExactly("http://localhost:8000/v1/chat/completions");
        assertThat(error("{models: [m], endpoint: {url: 'ftp://files:21'}}")).contains("endpoint.url")
                .contains("is not an http(s) URL");
        assertThat(error("{models: [m], endpoint: {url: 'http://a', urls: ['http://b']}}")).contains("keep one");
    }

    @Test
    void aRealServerNeedsAModel() {
        assertThat(error("endpoint: {url: 'http://localhost:8000'}")).contains("models").contains("--model");
    }

    @Test
    void endpointDetails() {
        EndpointConfig e = bind("""
                models: m
                endpoint:
                  url: http://h:1
                  streaming: true
                  api_key: sk-123
                  headers: {X-Team: infra, X-Num: 5}
                  timeout: 30
                  use_server_token_count: true
                  http2: true
                """).endpoint();
        assertThat(e.headers()).isEqualTo(Map.of("X-Team", "infra", "X-Num", "5"));
        assertThat(e.apiKey()).isEqualTo("sk-123");
        assertThat(e.timeoutSeconds()).isEqualTo(30.0);
        assertThat(e.useServerTokenCount()).isTrue();
        assertThat(e.http2()).isTrue();
        assertThat(e.toString()).doesNotContain("sk-123");
        assertThat(error("endpoint: {type: embeddings, streaming: true}")).contains("do not stream");
    }

    @Test
    void distributionsAreDetectedFromTheirKeys() {
        DatasetConfig d = bind("""
                dataset:
                  prompts:
                    isl: {mean: 512, median: 400}
                    osl: {points: [{value: 64, weight: 3}, {value: 256, weight: 1}]}
                  turns: 1
                tokenizer: {name: o200k_base}
                """).dataset();
        assertThat(d.isl()).isEqualTo(new Distribution.LogNormal(512, 400));
        assertThat(d.osl()).isEqualTo(new Distribution.Empirical(List.of(
                new Distribution.Point(64, 3), new Distribution.Point(256, 1))));
        assertThat(d.osl().mean()).isEqualTo(112.0);
        assertThat(d.turns()).isEqualTo(new Distribution.Fixed(1));
        assertThat(d.tokenizer()).isEqualTo("o200k_base");
        assertThat(bind("dataset: {prompts: {isl: {value: 64}, osl: {type: normal, mean: 32}}}").dataset().osl())
                .isEqualTo(new Distribution.Fixed(32));
    }

    @Test
    void badDistributionsSayWhatToWrite() {
        assertThat(error("dataset: {prompts: {isl: {type: lognormal, mean: 5, stddev: 1}}}"))
                .contains("datasets[0].prompts.isl").contains("{mean, median}");
        assertThat(error("dataset: {prompts: {isl: {mean: 5, value: 3}}}")).contains("cannot tell the distribution");
        assertThat(error("dataset: {prompts: {isl: {type: gaussian, mean: 5}}}")).contains("valid values: fixed, normal, lognormal");
        assertThat(error("dataset: {prompts: {isl: {type: normall, mean: 5}}}")).contains("did you mean 'normal'?");
        assertThat(error("dataset: {prompts: {isl: 0}}")).contains("must be >= 1; got 0");
        assertThat(error("dataset: {prompts: {isl: {mean: 5, stddev: -1}}}")).contains("stddev").contains(">= 0");
        assertThat(error("dataset: {prompts: {isl: {peaks: [{weight: 1, value: 3}]}}}")).contains("at least two peaks");
        assertThat(error("dataset: {prompts: {isl: NaN}}")).contains("finite");
        assertThat(error("dataset: {prompts: {isll: 5}}")).contains("did you mean 'isl'?");
        assertThat(error("dataset: {type: trace}")).contains("unknown dataset type 'trace'");
        assertThat(error("dataset: {turns: {mean: 0}}")).contains("datasets[0].turns.mean").contains("must be >= 1");
    }

    @Test
    void sessionsAreConversationsAndAStopConditionOfTheirOwn() {
        PhaseConfig bySessions = bind("phases: [{sessions: 30}]").phases().get(0);
        assertThat(bySessions.sessions()).isEqualTo(30);
        assertThat(bySessions.requests()).as("no request cap: 30 conversations of any length").isNull();
        PhaseConfig both = bind("phases: [{sessions: 30, requests: 12}]").phases().get(0);
        assertThat(both.sessions()).isEqualTo(30);
        assertThat(both.requests()).isEqualTo(12);
        assertThat(error("phases: [{sessions: 0}]")).contains("sessions");
    }

    @Test
    void phaseRulesFromTheReference() {
        assertThat(error("phases: [{type: poisson}]")).contains("phases[0].type").contains("needs a rate");
        assertThat(error("phases: [{type: concurrency, rate: 5}]")).contains("phases[0].rate")
                .contains("set type: poisson");
        assertThat(error("phases: [{requests: 5, grace_period: 10}]")).contains("grace_period only applies to"
                + " duration-based phases");
        assertThat(error("phases: [{type: constant, rate: 5, smoothness: 2}]")).contains("type: gamma");
        assertThat(error("phases: [{name: a}, {name: a}]")).contains("phases[1].name").contains("unique");
        assertThat(error("phases: [{name: a.b}]")).contains("letters, digits");
        assertThat(error("phases: [{exclude_from_results: true}]")).contains("at least one phase must be measured");
        assertThat(error("phases: [{type: burst}]")).contains("unknown phase type 'burst'");
        assertThat(error("phases: [{concurrency: 2, prefill_concurrency: 4}]")).contains("must be <= concurrency (2)");
        assertThat(error("phases: [{prefill_concurrency: 1}]")).contains("set endpoint.streaming: true");
    }

    @Test
    void phaseTypesAndStopConditions() {
        List<PhaseConfig> phases = bind("""
                endpoint: {streaming: true}
                phases:
                  - {name: warmup, exclude_from_results: true, requests: 20, concurrency: 4}
                  - {name: profiling, type: gamma, rate: 8, smoothness: 2.5, duration: 60, grace_period: 0,
                     concurrency: 16, prefill_concurrency: 4, sessions: 30, users: 3, seamless: true}
                  - {name: tail, rate: 3, duration: 10}
                """).phases();
        assertThat(phases.get(0).requests()).isEqualTo(20);
        PhaseConfig g = phases.get(1);
        assertThat(g.type()).isEqualTo(PhaseType.GAMMA);
        assertThat(g.smoothness()).isEqualTo(2.5);
        assertThat(g.requests()).isNull();
        assertThat(g.gracePeriodOrDefault()).isEqualTo(0.0);
        assertThat(g.prefillConcurrency()).isEqualTo(4);
        assertThat(g.sessions()).isEqualTo(30);
        assertThat(g.users()).isEqualTo(3);
        assertThat(g.seamless()).isTrue();
        PhaseConfig t = phases.get(2);
        assertThat(t.type()).isEqualTo(PhaseType.POISSON);
        assertThat(t.concurrency()).isNull();
        assertThat(t.gracePeriodOrDefault()).isEqualTo(30.0);
    }

    @Test
    void rampsTakeSecondsOrStartAndDuration() {
        List<PhaseConfig> phases = bind("""
                phases:
                  - {name: a, concurrency: 64, concurrency_ramp: 30, requests: 10}
                  - {name: b, type: constant, rate: 100, rate_ramp: {start: 10, duration: 20}, requests: 10}
                """).phases();
        assertThat(phases.get(0).concurrencyRamp()).isEqualTo(new Ramp(1, 30));
        assertThat(phases.get(1).rateRamp()).isEqualTo(new Ramp(10, 20));
        assertThat(error("phases: [{concurrency: 4, concurrency_ramp: {start: 8, duration: 5}}]"))
                .contains("above the target 4");
        assertThat(error("phases: [{concurrency: 4, concurrency_ramp: {strt: 1, duration: 5}}]"))
                .contains("did you mean 'start'?");
        assertThat(error("phases: [{concurrency: 4, concurrency_ramp: 0}]")).contains("must be > 0 seconds");
        assertThat(error("phases: [{concurrency: 4, rate_ramp: 10}]")).contains("rate_ramp needs a constant");
    }

    @Test
    void slosAreKeyedByKnownMetricTags() {
        assertThat(bind("slos: {time_to_first_token: 200, request_latency: 1500.5}").slos())
                .isEqualTo(Map.of("time_to_first_token", 200.0, "request_latency", 1500.5));
        assertThat(error("slos: {time_to_first_tokn: 200}")).contains("did you mean 'time_to_first_token'?");
        assertThat(error("slos: {request_latency: 0}")).contains("must be > 0");
    }

    @Test
    void bindingTheCanonicalTreeAgainGivesTheSameConfig() {
        String yaml = """
                models: m
                dataset: {entries: 3, prompts: {isl: 100}}
                phases: [{concurrency: 2}]
                """;
        BenchmarkConfig first = bind(yaml);
        ObjectNode canonical;
        try {
            canonical = BenchmarkBinder.canonicalTree((ObjectNode) YAML.readTree(yaml), SourceLines.NONE, "");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
        assertThat(BenchmarkBinder.bind(canonical, SourceLines.NONE, "benchmark")).isEqualTo(first);
        assertThat(canonical.path("phases").get(0).path("name").asText()).isEqualTo("profiling");
        // A sweep variation's overridden copy is bound with full errors.
        ((ObjectNode) canonical.path("phases").get(0)).put("concurrency", -3);
        assertThat(catchThrowableOfType(ConfigException.class,
                () -> BenchmarkBinder.bind(canonical, SourceLines.NONE, "benchmark")).getMessage())
                .isEqualTo("benchmark.phases[0].concurrency: must be >= 1; got -3");
    }
}
