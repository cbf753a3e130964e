package dev.aiperf.engine.client;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.EndpointConfig;
import dev.aiperf.engine.config.EndpointType;
import dev.aiperf.engine.dataset.Prompt;
import dev.aiperf.mock.FaultKind;
import dev.aiperf.mock.Faults;
import dev.aiperf.mock.LatencyMode;
import dev.aiperf.mock.MockServer;
import dev.aiperf.mock.MockServerConfig;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

import java.nio.channels.SelectableChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client over HTTP/2 cleartext (h2c, prior knowledge) against the embedded mock server on loopback: every
 * endpoint type, many streams multiplexed on one connection, HTTP errors and injected faults recorded per request,
 * and the client's timings against the server's own account.
 */
class Http2ClientTest {

    private static final WhitespaceTokenizer TOKENIZER = new WhitespaceTokenizer();

    private static EndpointConfig h2(String url, EndpointType type, boolean streaming) {
        return new EndpointConfig(List.of(url), type, streaming, null, Map.of(), 30, false, true);
    }

    private static RequestRecord sendAndWait(OpenAiClient client, long index, Prompt prompt) throws Exception {
        CompletableFuture<RequestRecord> done = new CompletableFuture<>();
        client.send(index, "profiling", false, prompt, OpenAiClient.UNSCHEDULED, done::complete);
        return done.get(20, TimeUnit.SECONDS);
    }

    /** Sends {@code n} requests at once and waits for all of their records, in index order. */
    private static List<RequestRecord> sendAll(OpenAiClient client, int n, int maxTokens) throws Exception {
        RequestRecord[] records = new RequestRecord[n];
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            client.send(i, "profiling", false, new Prompt("prompt number " + i, 3, maxTokens),
                    OpenAiClient.UNSCHEDULED, r -> {
                        records[index] = r;
                        done.countDown();
                    });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).as("all %d records arrive", n).isTrue();
        return Arrays.asList(records);
    }

    @Test
    void streamingAndNonStreamingChatCompletionsAndEmbeddingsWorkOverH2c() throws Exception {
        try (MockServer server = MockServer.start(MockServerConfig.fast())) {
            String base = server.baseUrl().toString();
            for (boolean streaming : new boolean[] {true, false}) {
                for (EndpointType type : List.of(EndpointType.CHAT, EndpointType.COMPLETIONS)) {
                    String path = type == EndpointType.CHAT ? "/v1/chat/completions" : "/v1/completions";
                    try (OpenAiClient client = new OpenAiClient(h2(base + path, type, streaming), "mock-model",
                            TOKENIZER, 4)) {
                        RequestRecord r = sendAndWait(client, 0, new Prompt("hello over h2c", 3, 12));
                        String what = type + (streaming ? " streaming" : " non-streaming");
                        assertThat(r.error()).as(what).isNull();
                        assertThat(r.outputTokens()).as(what).isEqualTo(12);
                        assertThat(r.serverTiming()).as(what).isNotNull();
                        assertThat(r.serverTiming().tokens()).as(what).isEqualTo(12);
                        // Streaming: one timestamp per content token, each its own DATA frame flushed as generated.
                        assertThat(r.responseNanos()).as(what).hasSize(streaming ? 12 : 1);
                        assertThat(r.serverUsage().completionTokens()).as(what).isEqualTo(12);
                    }
                }
            }
            try (OpenAiClient client = new OpenAiClient(h2(base + "/v1/embeddings", EndpointType.EMBEDDINGS, false),
                    "mock-model", TOKENIZER, 1)) {
                RequestRecord r = sendAndWait(client, 0, new Prompt("embed these five words", 5, null));
                assertThat(r.error()).isNull();
                assertThat(r.serverUsage().promptTokens()).isEqualTo(4);
                assertThat(r.responseNanos()).hasSize(1);
            }
            // Every request really went over HTTP/2, one connection per client.
            assertThat(server.http2Requests()).isEqualTo(5);
            assertThat(server.connectionsAccepted()).isEqualTo(5);
        }
    }

    @Test
    void sixtyFourConcurrentStreamsShareOneConnection() throws Exception {
        // Tokens start 100 ms after arrival, so all 64 streams are open at once before any finishes.
        MockServerConfig mc = MockServerConfig.defaults().withLatency(new LatencyMode.OpenLoop(100, 2));
        try (MockServer server = MockServer.start(mc);
             OpenAiClient client = new OpenAiClient(h2(server.baseUrl() + "/v1/chat/completions", EndpointType.CHAT,
                     true), "mock-model", TOKENIZER, 64)) {
            client.warmUpConnections(64);
            List<RequestRecord> records = sendAll(client, 64, 20);

            assertThat(records).allSatisfy(r -> {
                assertThat(r.error()).isNull();
                assertThat(r.outputTokens()).isEqualTo(20);
                assertThat(r.responseNanos()).hasSize(20);
                assertThat(r.serverTiming().tokens()).isEqualTo(20);
            });
            assertThat(server.maxConcurrentCompletions()).isEqualTo(64);
            assertThat(server.http2Requests()).isEqualTo(64);
            assertThat(server.connectionsAccepted()).as("TCP connections the client opened").isEqualTo(1);
        }
    }

    @Test
    void aServerThatCapsStreamsPerConnectionGetsEnoughConnectionsOpenedBeforeTheLoad() throws Exception {
        // A server allowing 16 streams per connection, answering each chat request 100 ms after it arrives.
        Server jetty = new Server();
        HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory();
        h2c.setMaxConcurrentStreams(16);
        ServerConnector connector = new ServerConnector(jetty, h2c);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        AtomicLong accepted = new AtomicLong();
        connector.addBean(new SelectorManager.AcceptListener() {
            @Override
            public void onAccepted(SelectableChannel channel) {
                accepted.incrementAndGet();
            }
        });
        jetty.addConnector(connector);
        jetty.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                request.getComponents().getScheduler().schedule(() -> {
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                    Content.Sink.write(response, true, "{\"choices\":[{\"index\":0,\"message\":{\"role\":"
                            + "\"assistant\",\"content\":\"one two three\"},\"finish_reason\":\"stop\"}]}",
                            callback);
                }, 100, TimeUnit.MILLISECONDS);
                return true;
            }
        });
        jetty.start();
        try (OpenAiClient client = new OpenAiClient(h2("http://127.0.0.1:" + connector.getLocalPort()
                + "/v1/chat/completions", EndpointType.CHAT, false), "m", TOKENIZER, 64)) {
            client.warmUpConnections(64);
            assertThat(accepted.get()).as("connections open before the load").isEqualTo(4);

            List<RequestRecord> records = sendAll(client, 64, 3);

            assertThat(records).allSatisfy(r -> {
                assertThat(r.error()).isNull();
                assertThat(r.outputTokens()).isEqualTo(3);
            });
            // 64 streams fit the 4 x 16 opened beforehand: the burst opened none.
            assertThat(accepted.get()).isEqualTo(4);
        } finally {
            jetty.stop();
        }
    }

    @Test
    void httpErrorsAreRecordedWithTheirStatus() throws Exception {
        try (MockServer server = MockServer.start(MockServerConfig.fast().withModels(List.of("mock-model")))) {
            String base = server.baseUrl().toString();
            // A chat body sent to the embeddings route lacks 'input': 400.
            try (OpenAiClient client = new OpenAiClient(h2(base + "/v1/embeddings", EndpointType.CHAT, true),
                    "mock-model", TOKENIZER, 1)) {
                RequestRecord r = sendAndWait(client, 0, new Prompt("hi", 1, 4));
                assertThat(r.error().type()).isEqualTo(ErrorTypes.HTTP_ERROR);
                assertThat(r.error().code()).isEqualTo(400);
                assertThat(r.error().message()).contains("'input'");
            }
            try (OpenAiClient client = new OpenAiClient(h2(base + "/v1/nowhere", EndpointType.CHAT, true),
                    "mock-model", TOKENIZER, 1)) {
                RequestRecord r = sendAndWait(client, 0, new Prompt("hi", 1, 4));
                assertThat(r.error().type()).isEqualTo(ErrorTypes.HTTP_ERROR);
                assertThat(r.error().code()).isEqualTo(404);
                assertThat(r.error().message()).contains("no route for POST /v1/nowhere");
            }
            try (OpenAiClient client = new OpenAiClient(h2(base + "/v1/chat/completions", EndpointType.CHAT, false),
                    "unknown-model", TOKENIZER, 1)) {
                RequestRecord r = sendAndWait(client, 0, new Prompt("hi", 1, 4));
                assertThat(r.error().code()).isEqualTo(404);
                assertThat(r.error().message()).contains("unknown-model");
            }
            assertThat(server.http2Requests()).isEqualTo(3);
        }
    }

    @Test
    void injectedFaultsFailOnlyTheirOwnStreamAndAreRecordedByType() throws Exception {
        // Arrival order decides the fault index; with 32 streams sent at once the order is not the send order, so
        // the records are matched to faults through the server's count of each kind.
        Faults faults = Faults.none()
                .withIndices(FaultKind.DROP_MID_STREAM, Set.of(3L, 17L))
                .withIndices(FaultKind.MALFORMED_SSE, Set.of(5L))
                .withIndices(FaultKind.HTTP_500, Set.of(8L))
                .withIndices(FaultKind.HTTP_429, Set.of(12L, 20L))
                .withIndices(FaultKind.DROP_BEFORE_HEADERS, Set.of(25L));
        MockServerConfig mc = MockServerConfig.defaults().withLatency(new LatencyMode.OpenLoop(20, 2))
                .withFaults(faults);
        try (MockServer server = MockServer.start(mc);
             OpenAiClient client = new OpenAiClient(h2(server.baseUrl() + "/v1/chat/completions", EndpointType.CHAT,
                     true), "mock-model", TOKENIZER, 32)) {
            client.warmUpConnections(32);
            List<RequestRecord> records = sendAll(client, 32, 16);

            Map<String, Long> byType = new java.util.TreeMap<>();
            List<Integer> statuses = new ArrayList<>();
            for (RequestRecord r : records) {
                String type = r.error() == null ? "ok" : r.error().type();
                byType.merge(type, 1L, Long::sum);
                if (r.error() != null && r.error().code() != null) {
                    statuses.add(r.error().code());
                }
            }
            // Three streams reset by the server (two mid-stream, one before its headers), one malformed event,
            // three HTTP errors; the 25 others are whole although they shared the connection with the resets.
            assertThat(byType).containsExactlyInAnyOrderEntriesOf(Map.of("ok", 25L,
                    ErrorTypes.CONNECTION_ERROR, 3L, ErrorTypes.MALFORMED_RESPONSE, 1L, ErrorTypes.HTTP_ERROR, 3L));
            Collections.sort(statuses);
            assertThat(statuses).containsExactly(429, 429, 500);
            assertThat(records).filteredOn(RequestRecord::ok).allSatisfy(r -> assertThat(r.outputTokens())
                    .isEqualTo(16));
            assertThat(records).filteredOn(r -> !r.ok() && r.error().type().equals(ErrorTypes.CONNECTION_ERROR))
                    .allSatisfy(r -> assertThat(r.error().message()).contains("cancel_stream_error"));
            assertThat(server.faultsInjected(FaultKind.DROP_MID_STREAM)).isEqualTo(2);
            assertThat(server.faultsInjected(FaultKind.DROP_BEFORE_HEADERS)).isEqualTo(1);
            assertThat(server.connectionsAccepted()).isEqualTo(1);

            // The connection survives the resets: the next request on it is answered in full.
            RequestRecord after = sendAndWait(client, 32, new Prompt("still there?", 3, 4));
            assertThat(after.error()).isNull();
            assertThat(after.outputTokens()).isEqualTo(4);
            assertThat(server.connectionsAccepted()).isEqualTo(1);
        }
    }

    @Test
    void clientTimingsAgreeWithTheServersTruthWithinAMillisecondAtConcurrency8() throws Exception {
        warmUpTheJit();
        int concurrency = 8;
        // Jittered gaps keep the 8 closed-loop streams from moving in lock-step.
        MockServerConfig mc = MockServerConfig.defaults().withLatency(new LatencyMode.OpenLoop(20, 5, 0.5, 0.2));
        try (MockServer server = MockServer.start(mc);
             OpenAiClient client = new OpenAiClient(h2(server.baseUrl() + "/v1/chat/completions", EndpointType.CHAT,
                     true), "mock-model", TOKENIZER, concurrency)) {
            client.warmUpConnections(concurrency);
            List<RequestRecord> records = closedLoop(client, concurrency, 200, 16);

            double[] ttft = new double[records.size()];
            double[] itl = new double[records.size()];
            double[] latency = new double[records.size()];
            for (int i = 0; i < records.size(); i++) {
                RequestRecord r = records.get(i);
                assertThat(r.error()).isNull();
                long[] t = r.responseNanos();
                double clientTtft = (t[0] - r.startNanos()) / 1e6;
                double clientLatency = (t[t.length - 1] - r.startNanos()) / 1e6;
                ttft[i] = Math.abs(clientTtft - r.serverTiming().ttftMs());
                itl[i] = Math.abs((clientLatency - clientTtft) / (t.length - 1) - r.serverTiming().itlMs());
                latency[i] = Math.abs(clientLatency - r.serverTiming().latencyMs());
            }
            String medians = String.format("h2c, concurrency %d, median |client - server| ms: TTFT %.3f, ITL %.3f,"
                    + " latency %.3f", concurrency, median(ttft), median(itl), median(latency));
            assertThat(median(ttft)).as(medians).isLessThan(1.0);
            assertThat(median(itl)).as(medians).isLessThan(1.0);
            assertThat(median(latency)).as(medians).isLessThan(1.0);
            assertThat(server.connectionsAccepted()).isEqualTo(1);
        }
    }

    @Test
    void http2AgainstAnHttpsUrlIsAConfigErrorThatSaysOnlyH2cIsSupported() {
        assertThatThrownBy(() -> new OpenAiClient(h2("https://example.invalid/v1/chat/completions", EndpointType.CHAT,
                true), "m", TOKENIZER, 1))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("endpoint.http2")
                .hasMessageContaining("cleartext only (h2c")
                .hasMessageContaining("https://example.invalid/v1/chat/completions");
    }

    /**
     * About 2,000 streamed requests through a throwaway client against a zero-latency mock: the client's and the
     * server's hot paths are compiled before anything is measured, so the comparison is not of interpreted code.
     */
    private static void warmUpTheJit() throws Exception {
        try (MockServer server = MockServer.start(MockServerConfig.zeroLatency());
             OpenAiClient client = new OpenAiClient(h2(server.baseUrl() + "/v1/chat/completions", EndpointType.CHAT,
                     true), "mock-model", TOKENIZER, 8)) {
            List<RequestRecord> records = closedLoop(client, 8, 2000, 16);
            assertThat(records).allSatisfy(r -> assertThat(r.error()).isNull());
        }
    }

    /** {@code total} requests, {@code concurrency} in flight at a time, each sent when one finishes. */
    private static List<RequestRecord> closedLoop(OpenAiClient client, int concurrency, int total, int maxTokens)
            throws Exception {
        List<RequestRecord> records = Collections.synchronizedList(new ArrayList<>(total));
        AtomicLong next = new AtomicLong();
        CountDownLatch done = new CountDownLatch(total);
        class Worker {
            void sendNext() {
                long i = next.getAndIncrement();
                if (i >= total) {
                    return;
                }
                client.send(i, "profiling", false, new Prompt("prompt " + i, 2, maxTokens), OpenAiClient.UNSCHEDULED,
                        r -> {
                            records.add(r);
                            done.countDown();
                            sendNext();
                        });
            }
        }
        Worker worker = new Worker();
        for (int c = 0; c < concurrency; c++) {
            worker.sendNext();
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).as("%d requests finish", total).isTrue();
        return records;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
