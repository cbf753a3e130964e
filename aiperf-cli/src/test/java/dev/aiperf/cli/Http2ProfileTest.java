package dev.aiperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiperf.engine.api.Benchmark;
import dev.aiperf.engine.api.RunSettings;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.ProfileOptions;
import dev.aiperf.engine.api.model.ProfileResult;
import dev.aiperf.mock.MockServer;
import dev.aiperf.mock.MockServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code aiperf profile} over HTTP/2 cleartext: the YAML key and the flag, a whole run and its artifacts. */
class Http2ProfileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static ProfileOptions parse(String... args) {
        ProfileFlags o = new ProfileFlags();
        new CommandLine(o).parseArgs(args);
        return o.toOptions();
    }

    @Test
    void aWholeRunWithEndpointHttp2WritesCompleteArtifactsAndEveryRequestGoesOverOneH2cConnection()
            throws IOException {
        try (MockServer server = MockServer.start(MockServerConfig.fast())) {
            Path yaml = tmp.resolve("h2.yaml");
            Files.writeString(yaml, """
                    benchmark:
                      models: [mock-model]
                      endpoint: {url: "%s", streaming: true, http2: true, use_server_token_count: true}
                      dataset: {prompts: {isl: 32, osl: 16}}
                      phases:
                        - {name: warmup, type: concurrency, requests: 16, concurrency: 8, exclude_from_results: true}
                        - {name: profiling, type: concurrency, requests: 120, concurrency: 8}
                      artifacts: {dir: "%s"}
                    random_seed: 5
                    """.formatted(server.baseUrl(), tmp.resolve("out").toString().replace("\\", "/")));

            ProfileResult result = Benchmark.of(parse("--config", yaml.toString(), "--ui", "none"))
                    .run(RunSettings.defaults().console(new PrintStream(new ByteArrayOutputStream())));

            assertThat(result.cells()).hasSize(1);
            assertThat(result.cells().get(0).succeeded()).isTrue();
            Path dir = tmp.resolve("out");
            JsonNode export = JSON.readTree(dir.resolve("profile_export_aiperf.json").toFile());
            assertThat(export.at("/request_count/avg").asDouble()).isEqualTo(120);
            assertThat(export.at("/error_request_count/avg").asDouble()).isZero();
            assertThat(export.at("/output_sequence_length/avg").asDouble()).isEqualTo(16);
            assertThat(export.at("/time_to_first_token/p50").asDouble()).isPositive();
            assertThat(export.at("/inter_token_latency/p50").asDouble()).isPositive();
            assertThat(export.at("/input_config/benchmark/endpoint/http2").asBoolean()).isTrue();
            List<JsonNode> lines = new java.util.ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("profile_export.jsonl"))) {
                lines.add(JSON.readTree(line));
            }
            assertThat(lines).filteredOn(l -> l.at("/metadata/benchmark_phase").asText().equals("profiling"))
                    .hasSize(120)
                    .allSatisfy(l -> {
                        assertThat(l.get("error").isNull()).isTrue();
                        assertThat(l.at("/metrics/inter_chunk_latency/value")).hasSize(15);
                    });
            assertThat(dir.resolve("profile_export_aiperf.csv")).isNotEmptyFile();
            assertThat(dir.resolve("inputs.json")).isNotEmptyFile();
            // The server's side: every request of both phases arrived over HTTP/2, on the one connection the client
            // opened before the run.
            assertThat(server.http2Requests()).isEqualTo(16 + 120);
            assertThat(server.connectionsAccepted()).isEqualTo(1);
        }
    }

    @Test
    void http2AgainstAnHttpsUrlIsAConfigErrorBeforeAnyRequest() {
        ProfileOptions o = parse("--url", "https://127.0.0.1:9", "--model", "m", "--http2", "--request-count", "5",
                "--ui", "none", "--artifact-dir", tmp.resolve("tls").toString());
        assertThatThrownBy(() -> Benchmark.of(o))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("benchmark.endpoint.http2")
                .hasMessageContaining("cleartext only (h2c")
                .hasMessageContaining("https://127.0.0.1:9/v1/chat/completions");
        assertThat(tmp.resolve("tls")).doesNotExist();
    }
}
