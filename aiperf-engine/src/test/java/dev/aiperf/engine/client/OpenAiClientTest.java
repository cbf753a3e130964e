package dev.aiperf.engine.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.EndpointConfig;
import dev.aiperf.engine.config.EndpointType;
import dev.aiperf.engine.dataset.Prompt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiClientTest {

    private static SseFixtureServer server;
    private static final WhitespaceTokenizer TOKENIZER = new WhitespaceTokenizer();

    @BeforeAll
    static void startServer() throws Exception {
        server = new SseFixtureServer();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.resetStats();
        server.tokens = 5;
        server.ttftMs = 0;
        server.itlMs = 0;
        server.stallMs = 3_000;
    }

    static EndpointConfig endpoint(String url, EndpointType type, boolean streaming, double timeoutSeconds) {
        return new EndpointConfig(List.of(url), type, streaming, "sk-secret", Map.of("X-Team", "perf"),
                timeoutSeconds, false, false);
    }

    private static RequestRecord sendAndWait(OpenAiClient client, long index, Prompt prompt) throws Exception {
        CompletableFuture<RequestRecord> done = new CompletableFuture<>();
        client.send(index, "profiling", false, prompt, OpenAiClient.UNSCHEDULED, done::complete);
        return done.get(10, TimeUnit.SECONDS);
    }

    @Test
    void chatRequestCarriesModelMessagesStreamOptionsMaxTokensAndHeaders() throws Exception {
        try (OpenAiClient client = new OpenAiClient(endpoint(server.chatUrl(), EndpointType.CHAT, true, 10),
                "test-model", TOKENIZER, 4)) {
            RequestRecord r = sendAndWait(client, 0, new Prompt("hello there", 2, 5));
            assertThat(r.ok()).isTrue();
        }
        SseFixtureServer.Served s = server.served().get(0);
        JsonNode body = s.body();
        assertThat(body.get("model").asText()).isEqualTo("test-model");
        assertThat(body.get("messages").get(0).get("role").asText()).isEqualTo("user");
        assertThat(body.get("messages").get(0).get("content").asText()).isEqualTo("hello there");
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("max_tokens").asInt()).isEqualTo(5);
        assertThat(body.get("ignore_eos").asBoolean()).isTrue();
        assertThat(body.get("stream_options").get("include_usage").asBoolean()).isTrue();
        assertThat(s.headers().get("Authorization")).isEqualTo("Bearer sk-secret");
        assertThat(s.headers().get("X-Team")).isEqualTo("perf");
        assertThat(s.headers().get("Content-Type")).startsWith("application/json");
    }

    @Test
    void completionsAndEmbeddingsBodiesUsePromptAndInput() throws Exception {
        try (OpenAiClient c = new OpenAiClient(endpoint(server.url("/v1/completions"), EndpointType.COMPLETIONS, false, 10),
                "m", TOKENIZER, 2)) {
            RequestRecord r = sendAndWait(c, 0, new Prompt("p q", 2, null));
            assertThat(r.ok()).isTrue();
            assertThat(r.outputTokens()).isEqualTo(5);
            assertThat(r.responseNanos()).hasSize(1);
        }
        try (OpenAiClient c = new OpenAiClient(endpoint(server.url("/v1/embeddings"), EndpointType.EMBEDDINGS, true, 10),
                "m", TOKENIZER, 2)) {
            RequestRecord r = sendAndWait(c, 1, new Prompt("embed me", 2, 10));
            assertThat(r.ok()).isTrue();
            assertThat(r.responseNanos()).hasSize(1);
            assertThat(r.outputTokens()).isZero();
        }
        List<SseFixtureServer.Served> served = server.served();
        JsonNode completions = served.get(0).body();
        assertThat(completions.get("prompt").asText()).isEqualTo("p q");
        assertThat(completions.get("stream").asBoolean()).isFalse();
        assertThat(completions.has("max_tokens")).isFalse();
        assertThat(completions.has("stream_options")).isFalse();
        JsonNode embeddings = served.get(1).body();
        assertThat(embeddings.get("input").asText()).isEqualTo("embed me");
        assertThat(embeddings.has("stream")).isFalse();
        assertThat(embeddings.has("max_tokens")).isFalse();
    }

    @Test
    void streamedTimestampsMatchTheServersWriteTimesAtConcurrencyOne() throws Exception {
        server.tokens = 8;
        server.ttftMs = 20;
        server.itlMs = 5;
        List<RequestRecord> records = new ArrayList<>();
        try (OpenAiClient client = new OpenAiClient(endpoint(server.chatUrl(), EndpointType.CHAT, true, 10), "m",
                TOKENIZER, 1)) {
            client.warmUpConnections(1);
            // Two unmeasured requests warm the JIT on both sides.
            sendAndWait(client, 100, new Prompt("go", 1, 8));
            sendAndWait(client, 101, new Prompt("go", 1, 8));
            server.resetStats();
            for (int i = 0; i < 15; i++) {
                records.add(sendAndWait(client, i, new Prompt("go", 1, 8)));
            }
        }
        List<SseFixtureServer.Served> served = server.served();
        List<Long> delays = new ArrayList<>();
        List<Double> ttfts = new ArrayList<>();
        List<Double> itls = new ArrayList<>();
        List<Double> overheads = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            RequestRecord r = records.get(i);
            assertThat(r.ok()).isTrue();
            assertThat(r.outputTokens()).isEqualTo(8);
            assertThat(r.responseNanos()).hasSize(8);
            long[] truth = served.get(i).tokenWriteNanos();
            for (int t = 0; t < 8; t++) {
                long delay = r.responseNanos()[t] - truth[t];
                // Causality: a token cannot arrive before the server started writing it.
                assertThat(delay).isNotNegative();
                delays.add(delay);
            }
            ttfts.add((r.responseNanos()[0] - r.startNanos()) / 1e6);
            // The part of TTFT the server did not account for: request delivery plus first-token delivery.
            overheads.add((r.responseNanos()[0] - r.startNanos() - (truth[0] - served.get(i).receivedNanos())) / 1e6);
            // The request is timed from Jetty's commit callback, which can fire a fraction of a millisecond after
            // the server has already read it: TTFT may come out just under the server's 20 ms.
            assertThat(ttfts.get(i)).isGreaterThanOrEqualTo(19.0);
            itls.add((r.responseNanos()[7] - r.responseNanos()[0]) / 7 / 1e6);
            assertThat(r.endNanos()).isGreaterThanOrEqualTo(r.responseNanos()[7]);
            assertThat(r.intendedStartNanos()).isEqualTo(r.startNanos());
            assertThat(r.serverUsage().completionTokens()).isEqualTo(8);
            assertThat(r.serverTiming().ttftMs()).isEqualTo(20.0);
            assertThat(r.serverTiming().tokens()).isEqualTo(8);
            assertThat(r.phase()).isEqualTo("profiling");
            assertThat(r.index()).isEqualTo(i);
        }
        // Medians: the build machine may be loaded by other work, single samples are not reliable.
        assertThat(median(delays) / 1e6).isLessThan(1.5);
        assertThat(median(overheads)).isBetween(-1.0, 3.0);
        assertThat(median(ttfts)).isBetween(19.0, 25.0);
        assertThat(median(itls)).isBetween(4.5, 5.5);
        // One connection carried every measured request (the server's count of open endpoints would also see the
        // closing connections of earlier tests).
        assertThat(served).extracting(SseFixtureServer.Served::remotePort).containsOnly(served.get(0).remotePort());
    }

    private static <T extends Comparable<T>> double median(List<T> values) {
        List<T> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return ((Number) sorted.get(sorted.size() / 2)).doubleValue();
    }

    @Test
    void nonStreamingResponseIsOneResponseWithHeaderTiming() throws Exception {
        server.tokens = 4;
        server.ttftMs = 10;
        server.itlMs = 2;
        try (OpenAiClient client = new OpenAiClient(endpoint(server.chatUrl(), EndpointType.CHAT, false, 10), "m",
                TOKENIZER, 1)) {
            RequestRecord r = sendAndWait(client, 0, new Prompt("x", 1, 4));
            assertThat(r.ok()).isTrue();
            assertThat(r.responseNanos()).hasSize(1);
            assertThat(r.responseNanos()[0]).isEqualTo(r.endNanos());
            assertThat((r.endNanos() - r.startNanos()) / 1e6).isBetween(16.0, 500.0);
            assertThat(r.outputTokens()).isEqualTo(4);
            assertThat(r.serverTiming().ttftMs()).isEqualTo(10.0);
            assertThat(r.serverTiming().tokens()).isEqualTo(4);
        }
    }

    @Test
    void serverTokenCountIsUsedWhenAsked() throws Exception {
        server.tokens = 6;
        EndpointConfig e = new EndpointConfig(List.of(server.chatUrl()), EndpointType.CHAT, true, null, Map.of(), 10, true,
                false);
        try (OpenAiClient client = new OpenAiClient(e, "m", (dev.aiperf.engine.api.spi.Tokenizer) null, 1)) {
            RequestRecord r = sendAndWait(client, 0, new Prompt("x", 1, 6));
            assertThat(r.outputTokens()).isEqualTo(6);
        }
        assertThat(server.served().get(0).headers().get("Authorization")).isNull();
    }

    @Test
    void http500IsAnHttpErrorWithTheBodysMessage() throws Exception {
        try (OpenAiClient client = new OpenAiClient(endpoint(server.chatUrl(), EndpointType.CHAT, true, 10), "m",
                TOKENIZER, 1)) {
            RequestRecord r = sendAndWait(client, 0, new Prompt("fault:500", 1, 4));
            assertThat(r.error().type()).isEqualTo("http_error");
            assertThat(r.error().code()).isEqualTo(500);
            assertThat(r.error().message()).isEqualTo("injected failure");
            // The client keeps working afterwards.
            assertThat(sendAndWait(client, 1, new Prompt("fine", 1, 4)).ok()).isTrue();
        }
    }

    @Test
    void connectionResetMidStreamIsAConnectionErrorThatKeepsTheFirstToken() throws Exception {
        try (OpenAiClient client = new OpenAiClient(endpoint(server.chatUrl(), EndpointType.CHAT, true, 10), "m",
                TOKENIZER, 1)) {
            RequestRecord r = sendAndWait(client, 0, new Prompt("fault:reset", 1, 4));
            assertThat(r.error().type()).isEqualTo("connection_error");
            assertThat(r.error().message()).isNotBlank();
            assertThat(r.responseNanos()).hasSize(1);
            assertThat(sendAndWait(client, 1, new Prompt("fine", 1, 4)).ok()).isTrue();
        }
    }

    @Test
    void connectionRefusedIsAConnectionError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/v1/chat/completions";
        try (OpenAiClient client = new OpenAiClient(endpoint(url, EndpointType.CHAT, true, 5), "m", TOKENIZER, 1)) {
            RequestRecord r = sendAndWait(client, 0, new Prompt("x", 1, 4));
            assertThat(r.error().type()).isEqualTo("connection_error");
            assertThat(r.error().message()).contains("refused");
            assertThat(r.responseNanos()).isEmpty();
            assertThatThrownBy(() -> client.warmUpConnections(2))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("cannot open a connection to " + url);
        }
    }

    @Test
    void stalledStreamTimesOutAndKeepsWhatArrived() throws Exception {
        server.stallMs = 1_500;
        try (OpenAiClient client = new OpenAiClient(endpoint(server.chatUrl(), EndpointType.CHAT, true, 0.3), "m",
                TOKENIZER, 1)) {
            RequestRecord r = sendAndWait(client, 0, new Prompt("fault:stall", 1, 4));
            assertThat(r.error().type()).isEqualTo("timeout");
            assertThat(r.responseNanos()).hasSize(1);
            assertThat((r.endNanos() - r.startNanos()) / 1e6).isBetween(290.0, 1_000.0);
        }
    }

    @Test
    void malformedEventIsRecordedWithTheTimingOfTheRest() throws Exception {
        try (OpenAiClient client = new OpenAiClient(endpoint(server.chatUrl(), EndpointType.CHAT, true, 10), "m",
                TOKENIZER, 1)) {
            RequestRecord r = sendAndWait(client, 0, new Prompt("fault:malformed", 1, 5));
            assertThat(r.error().type()).isEqualTo("malformed_response");
            assertThat(r.responseNanos()).hasSize(4);
            assertThat(r.serverUsage()).isNotNull();
        }
    }

    @Test
    void errorObjectInsideAStreamIsAStreamError() throws Exception {
        try (OpenAiClient client = new OpenAiClient(endpoint(server.chatUrl(), EndpointType.CHAT, true, 10), "m",
                TOKENIZER, 1)) {
            RequestRecord r = sendAndWait(client, 0, new Prompt("fault:stream_error", 1, 5));
            assertThat(r.error().type()).isEqualTo("stream_error");
            assertThat(r.error().message()).isEqualTo("engine died");
        }
    }

    @Test
    void cancelledRequestIsRecordedAsCancelled() throws Exception {
        server.stallMs = 1_500;
        try (OpenAiClient client = new OpenAiClient(endpoint(server.chatUrl(), EndpointType.CHAT, true, 10), "m",
                TOKENIZER, 1)) {
            CompletableFuture<RequestRecord> done = new CompletableFuture<>();
            InFlightRequest inFlight = client.send(0, "p", false, new Prompt("fault:stall", 1, 4), OpenAiClient.UNSCHEDULED,
                    done::complete);
            Thread.sleep(100);
            inFlight.cancel();
            RequestRecord r = done.get(5, TimeUnit.SECONDS);
            assertThat(r.error().type()).isEqualTo("cancelled");
            assertThat(r.responseNanos()).hasSize(1);
        }
    }

    @Test
    void warmUpOpensConnectionsBeforeTheFirstRequest() throws Exception {
        // Accepted connections only ever count up: earlier tests' connections closing meanwhile cannot blur it.
        int before = server.connectionsAccepted();
        try (OpenAiClient client = new OpenAiClient(endpoint(server.chatUrl(), EndpointType.CHAT, true, 10), "m",
                TOKENIZER, 8)) {
            client.warmUpConnections(6);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (server.connectionsAccepted() < before + 6 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(server.connectionsAccepted()).isEqualTo(before + 6);
            assertThat(server.received()).isZero();
        }
    }

    @Test
    void badUrlsAreConfigErrors() {
        assertThatThrownBy(() -> new OpenAiClient(endpoint("localhost:8000", EndpointType.CHAT, true, 10), "m",
                TOKENIZER, 1)).isInstanceOf(ConfigException.class).hasMessageContaining("endpoint.urls");
        assertThatThrownBy(() -> new OpenAiClient(endpoint(server.chatUrl(), EndpointType.CHAT, true, 0), "m",
                TOKENIZER, 1)).isInstanceOf(ConfigException.class).hasMessageContaining("timeout");
    }

    @Test
    void clientDescriptionNeverShowsTheKey() {
        try (OpenAiClient client = new OpenAiClient(endpoint(server.chatUrl(), EndpointType.CHAT, true, 10), "m",
                TOKENIZER, 1)) {
            assertThat(client.toString()).doesNotContain("sk-secret");
        }
    }
}
