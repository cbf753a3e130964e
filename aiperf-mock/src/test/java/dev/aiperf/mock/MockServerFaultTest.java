package dev.aiperf.mock;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Faults by rate (seeded, reproducible) and by request index, each seen the way a client sees it. */
class MockServerFaultTest {

    /** What a client saw of one streamed request, including a broken connection. */
    record Seen(int status, List<String> lines, List<Long> nanos, long sentNanos, IOException failure) {
        boolean done() {
            return lines.contains("data: [DONE]");
        }
    }

    private static Seen streamRaw(PlainClient client, String body) {
        long sent = System.nanoTime();
        List<String> lines = new ArrayList<>();
        List<Long> nanos = new ArrayList<>();
        int status = -1;
        try {
            HttpResponse<InputStream> r = client.http.send(client.request("/v1/chat/completions", body),
                    HttpResponse.BodyHandlers.ofInputStream());
            status = r.statusCode();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isEmpty()) {
                        lines.add(line);
                        nanos.add(System.nanoTime());
                    }
                }
            }
            return new Seen(status, lines, nanos, sent, null);
        } catch (IOException e) {
            return new Seen(status, lines, nanos, sent, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void faultsByRateAppearAtTheirRatesAndRepeatUnderTheSeed() {
        Faults faults = Faults.none().withRate(FaultKind.HTTP_500, 0.10).withRate(FaultKind.HTTP_429, 0.05);
        MockServerConfig config = MockServerConfig.zeroLatency().withSeed(1234).withFaults(faults);
        List<Integer> first = statuses(config, 400);
        long fiveHundreds = first.stream().filter(s -> s == 500).count();
        long fourTwentyNines = first.stream().filter(s -> s == 429).count();
        // Binomial(400, p): 3 standard deviations around the mean.
        assertThat(fiveHundreds).isBetween(22L, 58L);
        assertThat(fourTwentyNines).isBetween(7L, 33L);
        assertThat(first.stream().filter(s -> s == 200).count()).isEqualTo(400 - fiveHundreds - fourTwentyNines);
        assertThat(statuses(config, 400)).as("same seed, same faults at the same indices").isEqualTo(first);
        assertThat(statuses(config.withSeed(99), 100)).isNotEqualTo(first.subList(0, 100));
    }

    private static List<Integer> statuses(MockServerConfig config, int n) {
        try (MockServer server = MockServer.start(config)) {
            PlainClient client = new PlainClient(server.baseUrl());
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                HttpResponse<String> r = client.post("/v1/chat/completions", PlainClient.chat(4, 4, false));
                if (r.statusCode() != 200) {
                    JsonNode error = PlainClient.json(r.body()).path("error");
                    assertThat(error.path("message").asText()).startsWith("mock fault");
                    assertThat(error.path("type").asText()).isNotBlank();
                }
                out.add(r.statusCode());
            }
            assertThat(server.faultsInjected(FaultKind.HTTP_500)).isEqualTo(out.stream().filter(s -> s == 500).count());
            assertThat(server.faultsInjected(FaultKind.HTTP_429)).isEqualTo(out.stream().filter(s -> s == 429).count());
            return out;
        }
    }

    @Test
    void eachFaultKindByRequestIndexAsTheClientSeesIt() {
        Faults faults = Faults.none()
                .withIndices(FaultKind.HTTP_503, Set.of(0L))
                .withIndices(FaultKind.DROP_BEFORE_HEADERS, Set.of(1L))
                .withIndices(FaultKind.DROP_MID_STREAM, Set.of(2L))
                .withIndices(FaultKind.MALFORMED_SSE, Set.of(3L))
                .withIndices(FaultKind.STALL, Set.of(4L))
                .withIndices(FaultKind.SLOW_FIRST_BYTE, Set.of(5L))
                .withStallMs(400).withSlowFirstByteMs(250);
        try (MockServer server = MockServer.start(MockServerConfig.zeroLatency().withFaults(faults))) {
            PlainClient client = new PlainClient(server.baseUrl());
            String body = PlainClient.chat(6, 20, true);

            Seen s503 = streamRaw(client, body);
            assertThat(s503.status()).isEqualTo(503);
            assertThat(PlainClient.json(s503.lines().get(0)).at("/error/code").asText())
                    .isEqualTo("service_unavailable");

            Seen dropped = streamRaw(client, body);
            assertThat(dropped.failure()).as("connection closed before headers").isNotNull();
            assertThat(dropped.status()).isEqualTo(-1);

            Seen midStream = streamRaw(client, body);
            assertThat(midStream.status()).isEqualTo(200);
            assertThat(midStream.failure()).as("connection closed mid-stream").isNotNull();
            assertThat(midStream.lines()).hasSize(10).noneMatch(l -> l.contains("[DONE]"));

            Seen malformed = streamRaw(client, body);
            assertThat(malformed.done()).isTrue();
            List<String> broken = malformed.lines().stream().filter(l -> l.startsWith("data: {"))
                    .filter(l -> !isJson(l.substring(6))).toList();
            assertThat(broken).hasSize(1);

            Seen stalled = streamRaw(client, body);
            assertThat(stalled.done()).isTrue();
            long maxGap = 0;
            for (int i = 1; i < stalled.nanos().size(); i++) {
                maxGap = Math.max(maxGap, stalled.nanos().get(i) - stalled.nanos().get(i - 1));
            }
            // A late read of the line before the stall shortens the gap the client sees, so allow 100 ms of that.
            assertThat(maxGap / 1e6).as("longest silence").isGreaterThanOrEqualTo(300);
            assertThat(PlainClient.json(stalled.lines().get(stalled.lines().size() - 2).substring(6))
                    .at("/mock_timing/latency_ms").asDouble()).isGreaterThanOrEqualTo(400);

            Seen slow = streamRaw(client, body);
            assertThat(slow.done()).isTrue();
            assertThat((slow.nanos().get(0) - slow.sentNanos()) / 1e6).as("first byte").isGreaterThanOrEqualTo(240);
            assertThat(PlainClient.json(slow.lines().get(slow.lines().size() - 2).substring(6))
                    .at("/mock_timing/ttft_ms").asDouble()).isGreaterThanOrEqualTo(245);

            Seen normal = streamRaw(client, body);
            assertThat(normal.done()).isTrue();
            assertThat(normal.failure()).isNull();

            assertThat(server.faultsInjected()).containsEntry(FaultKind.HTTP_503, 1L)
                    .containsEntry(FaultKind.DROP_BEFORE_HEADERS, 1L).containsEntry(FaultKind.DROP_MID_STREAM, 1L)
                    .containsEntry(FaultKind.MALFORMED_SSE, 1L).containsEntry(FaultKind.STALL, 1L)
                    .containsEntry(FaultKind.SLOW_FIRST_BYTE, 1L).containsEntry(FaultKind.HTTP_429, 0L);
            assertThat(server.completionRequests()).isEqualTo(7);
        }
    }

    @Test
    void nonStreamingDropMidBodyAndTruncatedBody() {
        Faults faults = Faults.none().withIndices(FaultKind.DROP_MID_STREAM, Set.of(0L))
                .withIndices(FaultKind.MALFORMED_SSE, Set.of(1L));
        try (MockServer server = MockServer.start(MockServerConfig.zeroLatency().withFaults(faults))) {
            PlainClient client = new PlainClient(server.baseUrl());
            String body = PlainClient.chat(6, 20, false);
            assertThatThrownBy(() -> client.post("/v1/chat/completions", body)).hasCauseInstanceOf(IOException.class);
            HttpResponse<String> truncated = client.post("/v1/chat/completions", body);
            assertThat(truncated.statusCode()).isEqualTo(200);
            assertThat(isJson(truncated.body())).isFalse();
            assertThat(isJson(client.post("/v1/chat/completions", body).body())).isTrue();
        }
    }

    private static boolean isJson(String s) {
        try {
            PlainClient.JSON.readTree(s);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
