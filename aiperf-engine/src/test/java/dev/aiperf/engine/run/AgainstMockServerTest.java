package dev.aiperf.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.api.model.ProfileResult;
import dev.aiperf.engine.client.OpenAiClient;
import dev.aiperf.engine.client.RequestRecord;
import dev.aiperf.engine.config.AIPerfConfig;
import dev.aiperf.engine.config.ConfigLoader;
import dev.aiperf.engine.config.EndpointConfig;
import dev.aiperf.engine.config.EndpointType;
import dev.aiperf.engine.config.PhaseConfig;
import dev.aiperf.engine.config.PhaseType;
import dev.aiperf.engine.dataset.Prompt;
import dev.aiperf.engine.dataset.Tokenizers;
import dev.aiperf.engine.orchestrate.BenchmarkRun;
import dev.aiperf.engine.orchestrate.BenchmarkSession;
import dev.aiperf.engine.orchestrate.EmbeddedMock;
import dev.aiperf.engine.orchestrate.HarnessWarmup;
import dev.aiperf.engine.orchestrate.SessionOptions;
import dev.aiperf.mock.FaultKind;
import dev.aiperf.mock.Faults;
import dev.aiperf.mock.LatencyMode;
import dev.aiperf.mock.MockServer;
import dev.aiperf.mock.MockServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's measurements against the mock server's own account of each request, and injected faults
 * counted as errors of the right type while the run completes with whole artifacts.
 */
class AgainstMockServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "concurrency {0}")
    @ValueSource(ints = {1, 64})
    void clientTimingsAgreeWithTheServersTruthWithinAMillisecond(int concurrency) {
        // Jittered TTFT/ITL keep 64 closed-loop streams from finishing, and so sending again, in lock-step bursts.
        MockServerConfig mc = MockServerConfig.defaults().withLatency(new LatencyMode.OpenLoop(50, 20, 0.5, 0.2));
        try (MockServer server = MockServer.start(mc)) {
            EndpointConfig endpoint = new EndpointConfig(List.of(server.baseUrl() + "/v1/chat/completions"),
                    EndpointType.CHAT, true, null, Map.of(), 30, false, false);
            // What BenchmarkRun does before a run: compile the harness's own path against a local zero-latency
            // server, so the measurement below is of compiled code (once per JVM; a no-op if already done).
            HarnessWarmup.DEFAULT.ensure(endpoint, Tokenizers.forName("cl100k_base"));
            measureAgainstServerTruth(endpoint, concurrency);
        }
    }

    private static void measureAgainstServerTruth(EndpointConfig endpoint, int concurrency) {
        try (OpenAiClient client = new OpenAiClient(endpoint, "mock-model", Tokenizers.forName("cl100k_base"),
                concurrency)) {
            List<RequestRecord> records = Collections.synchronizedList(new ArrayList<>());
            int requests = concurrency == 1 ? 40 : concurrency * 10;
            // A warmup phase first, as a benchmark should have: it warms the server under test (and the connections).
            PhaseConfig warmup = new PhaseConfig("warmup", PhaseType.CONCURRENCY, Math.max(40, concurrency * 2),
                    null, null, concurrency, null, null, true, false, null, null, null, null, null);
            PhaseConfig phase = new PhaseConfig("profiling", PhaseType.CONCURRENCY, requests, null, null,
                    concurrency, null, null, false, false, null, null, null, null, null);
            new LoadGenerator(client, i -> new Prompt("hello world " + i, 3, 8), r -> {
                if (!r.excluded()) {
                    records.add(r);
                }
            }).run(List.of(warmup, phase), 1, new AtomicBoolean(), ProgressListener.NONE);

            assertThat(records).hasSize(requests).allSatisfy(r -> assertThat(r.ok()).isTrue());
            double[] ttft = new double[records.size()];
            double[] itl = new double[records.size()];
            double[] latency = new double[records.size()];
            for (int i = 0; i < records.size(); i++) {
                RequestRecord r = records.get(i);
                assertThat(r.serverTiming()).as("mock_timing of request %d", r.index()).isNotNull();
                long[] t = r.responseNanos();
                double clientTtft = (t[0] - r.startNanos()) / 1e6;
                double clientLatency = (t[t.length - 1] - r.startNanos()) / 1e6;
                double clientItl = (clientLatency - clientTtft) / (t.length - 1);
                ttft[i] = Math.abs(clientTtft - r.serverTiming().ttftMs());
                itl[i] = Math.abs(clientItl - r.serverTiming().itlMs());
                latency[i] = Math.abs(clientLatency - r.serverTiming().latencyMs());
            }
            String medians = String.format("median |client - server| ms: TTFT %.3f, ITL %.3f, latency %.3f",
                    median(ttft), median(itl), median(latency));
            // One line per concurrency in the test output: the figures docs/MEASUREMENT.md quotes.
            System.out.println("AgainstMockServerTest concurrency " + concurrency + ": " + medians);
            assertThat(median(ttft)).as(medians).isLessThan(1.0);
            assertThat(median(itl)).as(medians).isLessThan(1.0);
            assertThat(median(latency)).as(medians).isLessThan(1.0);
        }
    }

    @Test
    void injectedFaultsAreCountedAsErrorsOfTheirTypeAndTheRunCompletes(@TempDir Path tmp) throws IOException {
        Faults faults = Faults.none().withStallMs(50)
                .withIndices(FaultKind.HTTP_500, java.util.Set.of(3L, 11L))
                .withIndices(FaultKind.HTTP_429, java.util.Set.of(5L))
                .withIndices(FaultKind.DROP_MID_STREAM, java.util.Set.of(7L))
                .withIndices(FaultKind.MALFORMED_SSE, java.util.Set.of(9L));
        AIPerfConfig config = ConfigLoader.loadString("""
                benchmark:
                  endpoint: {streaming: true}
                  dataset: {prompts: {isl: 16, osl: 8}}
                  phases: [{name: profiling, type: concurrency, requests: 30, concurrency: 2}]
                  artifacts: {dir: %s}
                random_seed: 3
                """.formatted(tmp.resolve("faults").toString().replace("\\", "/")), "faults.yaml", Map.of());
        ProfileResult result;
        try (BenchmarkSession session = BenchmarkSession.open(config,
                SessionOptions.defaults().withLocalServer(EmbeddedMock.of(MockServerConfig.fast().withFaults(faults))),
                new BenchmarkRun())) {
            result = session.runAll();
        }
        Path dir = tmp.resolve("faults");
        JsonNode export = JSON.readTree(dir.resolve("profile_export_aiperf.json").toFile());
        assertThat(export.at("/request_count/avg").asDouble()).isEqualTo(25);
        assertThat(export.at("/error_request_count/avg").asDouble()).isEqualTo(5);
        List<String> types = new ArrayList<>();
        export.get("error_summary").forEach(e -> types.add(e.toString()));
        assertThat(String.join("\n", types)).contains("http_error").contains("500").contains("429")
                .contains("malformed_response");
        assertThat(Files.readAllLines(dir.resolve("profile_export.jsonl"))).hasSize(30);
        assertThat(dir.resolve("profile_export_aiperf.csv")).exists();
        assertThat(dir.resolve("inputs.json")).exists();
        assertThat(JSON.readTree(dir.resolve("run_status.json").toFile()).get("status").asText()).isEqualTo("ok");
        CellResult cell = result.cells().get(0);
        assertThat(cell.succeeded()).isTrue();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
