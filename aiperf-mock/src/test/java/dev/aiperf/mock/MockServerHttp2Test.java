package dev.aiperf.mock;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * h2c (HTTP/2 over cleartext, prior knowledge) next to HTTP/1.1 on the mock server's one port, checked with Jetty's
 * own HTTP/2 client (not the engine's): streams flushed per token, and the server-side timing intact.
 */
class MockServerHttp2Test {

    private HttpClient h2;

    @BeforeEach
    void startClient() throws Exception {
        h2 = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client(new ClientConnector())));
        h2.start();
    }

    @AfterEach
    void stopClient() throws Exception {
        h2.stop();
    }

    /** One streamed response with the arrival time of every content chunk. */
    private record Streamed(HttpVersion version, int status, String body, List<Long> chunkNanos) {
    }

    private Streamed stream(MockServer server, String body) throws Exception {
        List<Long> nanos = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        CompletableFuture<Streamed> done = new CompletableFuture<>();
        h2.newRequest(server.baseUrl().resolve("/v1/chat/completions"))
                .method(HttpMethod.POST)
                .body(new StringRequestContent("application/json", body))
                .onResponseContent((response, buffer) -> {
                    nanos.add(System.nanoTime());
                    text.append(StandardCharsets.UTF_8.decode(buffer));
                })
                .send(result -> {
                    if (result.isFailed()) {
                        done.completeExceptionally(result.getFailure());
                    } else {
                        done.complete(new Streamed(result.getResponse().getVersion(), result.getResponse().getStatus(),
                                text.toString(), nanos));
                    }
                });
        return done.get(20, TimeUnit.SECONDS);
    }

    @Test
    void onePortServesHttp11AndPriorKnowledgeH2cSideBySide() throws Exception {
        try (MockServer server = MockServer.start(MockServerConfig.fast())) {
            HttpResponse<String> h1 = new PlainClient(server.baseUrl())
                    .post("/v1/chat/completions", PlainClient.chat(8, 6, true));
            Streamed h2c = stream(server, PlainClient.chat(8, 6, true));

            assertThat(h1.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
            assertThat(h1.statusCode()).isEqualTo(200);
            assertThat(h1.body()).endsWith("data: [DONE]\n\n");
            assertThat(h2c.version()).isEqualTo(HttpVersion.HTTP_2);
            assertThat(h2c.status()).isEqualTo(200);
            assertThat(h2c.body()).endsWith("data: [DONE]\n\n");
            assertThat(h2c.body().split("\"choices\":\\[\\{", -1)).hasSize(6 + 1);
            assertThat(server.http2Requests()).isEqualTo(1);
            // A stream counts as served in its last write's callback, which can run after the client has read the
            // last bytes: wait for the count rather than race it.
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (server.requestsServed() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(server.requestsServed()).isEqualTo(2);
            assertThat(server.connectionsAccepted()).isEqualTo(2);
        }
    }

    @Test
    void streamedTokensArriveOneDataFrameAtATimeAndTheServerTimingMatchesTheirSpacing() throws Exception {
        // 15 ms between tokens: far more than a loopback write takes, so each token is its own read.
        MockServerConfig config = MockServerConfig.defaults().withLatency(new LatencyMode.OpenLoop(20, 15));
        try (MockServer server = MockServer.start(config)) {
            Streamed s = stream(server, PlainClient.chat(8, 10, true));

            assertThat(s.version()).isEqualTo(HttpVersion.HTTP_2);
            // 10 token chunks, then the last one carrying usage, mock_timing and [DONE] may come together.
            assertThat(s.chunkNanos()).hasSizeGreaterThanOrEqualTo(10);
            double[] gaps = new double[9];
            for (int i = 1; i < 10; i++) {
                gaps[i - 1] = (s.chunkNanos().get(i) - s.chunkNanos().get(i - 1)) / 1e6;
            }
            Arrays.sort(gaps);
            assertThat(gaps[4]).as("median gap between token chunks, ms").isBetween(12.0, 18.0);
            JsonNode timing = null;
            for (String line : s.body().split("\n")) {
                if (line.startsWith("data: {") && line.contains("mock_timing")) {
                    timing = PlainClient.json(line.substring(6)).get("mock_timing");
                }
            }
            assertThat(timing).isNotNull();
            assertThat(timing.get("tokens").asInt()).isEqualTo(10);
            assertThat(timing.get("itl_ms").asDouble()).isBetween(14.0, 16.5);
            // No upper bound: the first HTTP/2 request of a fresh JVM loads and interprets the whole h2 stack.
            assertThat(timing.get("ttft_ms").asDouble()).isGreaterThan(19.0);
        }
    }

    @Test
    void nonStreamingResponsesCarryTheTimingHeadersOverHttp2() throws Exception {
        MockServerConfig config = MockServerConfig.defaults().withLatency(new LatencyMode.OpenLoop(10, 2));
        try (MockServer server = MockServer.start(config)) {
            ContentResponse r = h2.newRequest(server.baseUrl().resolve("/v1/chat/completions"))
                    .method(HttpMethod.POST)
                    .body(new StringRequestContent("application/json", PlainClient.chat(8, 5, false)))
                    .timeout(20, TimeUnit.SECONDS)
                    .send();

            assertThat(r.getVersion()).isEqualTo(HttpVersion.HTTP_2);
            assertThat(r.getStatus()).isEqualTo(200);
            JsonNode timing = PlainClient.json(r.getContentAsString()).get("mock_timing");
            assertThat(r.getHeaders().get("x-mock-tokens")).isEqualTo("5");
            assertThat(Double.parseDouble(r.getHeaders().get("x-mock-ttft-ms")))
                    .isEqualTo(timing.get("ttft_ms").asDouble());
            assertThat(Double.parseDouble(r.getHeaders().get("x-mock-latency-ms")))
                    .isEqualTo(timing.get("latency_ms").asDouble()).isGreaterThan(17.0);
        }
    }
}
