package dev.aiperf.engine.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A real Jetty server on a free loopback port that answers OpenAI-style requests with a known timing: a
 * role-only chunk at once, the first content token after {@code ttftMs}, each next one {@code itlMs} later,
 * then a usage chunk with {@code mock_timing} and {@code [DONE]}. It records when it wrote each token
 * ({@link System#nanoTime()}, same clock as the client) so tests compare client timestamps with the truth.
 *
 * <p>The prompt text selects faults: {@code fault:500}, {@code fault:reset} (connection closed after the first
 * token), {@code fault:malformed} (one broken event among good ones), {@code fault:stall} (first token, then
 * silence), {@code fault:stream_error} (an error object after the first token).
 */
public final class SseFixtureServer implements AutoCloseable {

    /** One request as the server saw and answered it. */
    public record Served(String prompt, JsonNode body, HttpFields headers, long receivedNanos, long parsedNanos,
            long[] tokenWriteNanos, int remotePort) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AtomicInteger accepted = new AtomicInteger();

    public volatile int tokens = 5;
    public volatile double ttftMs;
    public volatile double itlMs;
    public volatile double stallMs = 10_000;

    private final Server server;
    private final ServerConnector connector;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger maxActive = new AtomicInteger();
    private final AtomicInteger received = new AtomicInteger();
    private final ConcurrentLinkedQueue<Served> served = new ConcurrentLinkedQueue<>();
    public volatile boolean keepLog = true;

    public SseFixtureServer() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(600, 16);
        threads.setName("fixture");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.addBean(new SelectorManager.AcceptListener() {
            @Override
            public void onAccepted(SelectableChannel channel) {
                accepted.incrementAndGet();
            }
        });
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                // Jetty runs this once the request headers are parsed.
                int now = active.incrementAndGet();
                maxActive.accumulateAndGet(now, Math::max);
                received.incrementAndGet();
                try {
                    serve(request, response);
                    callback.succeeded();
                } catch (Throwable t) {
                    callback.failed(t);
                } finally {
                    active.decrementAndGet();
                }
                return true;
            }
        });
        server.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public String chatUrl() {
        return url("/v1/chat/completions");
    }

    /** TCP connections accepted since start (a count of open ones would also see earlier tests' closing). */
    public int connectionsAccepted() {
        return accepted.get();
    }

    public int maxActive() {
        return maxActive.get();
    }

    public int active() {
        return active.get();
    }

    public int received() {
        return received.get();
    }

    public List<Served> served() {
        return List.copyOf(served);
    }

    public void resetStats() {
        maxActive.set(0);
        received.set(0);
        served.clear();
    }

    private void serve(Request request, Response response) throws Exception {
        long receivedNanos = System.nanoTime();
        String raw = Content.Source.asString(request, StandardCharsets.UTF_8);
        JsonNode body = MAPPER.readTree(raw);
        String prompt = body.has("messages") ? body.get("messages").get(0).get("content").asText()
                : body.has("prompt") ? body.get("prompt").asText() : body.path("input").asText();
        String path = request.getHttpURI().getPath();
        int n = tokens;
        long[] writes = new long[n];
        if (keepLog) {
            served.add(new Served(prompt, body, request.getHeaders(), receivedNanos, System.nanoTime(), writes,
                    Request.getRemotePort(request)));
        }
        if (prompt.startsWith("fault:500")) {
            response.setStatus(500);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            write(response, true, "{\"error\":{\"message\":\"injected failure\",\"type\":\"server_error\",\"code\":500}}");
            return;
        }
        long start = System.nanoTime();
        boolean stream = body.path("stream").asBoolean(false);
        if (path.endsWith("/embeddings")) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            write(response, true, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                    + "\"embedding\":[0.1,0.2,0.3]}],\"usage\":{\"prompt_tokens\":3,\"total_tokens\":3}}");
            return;
        }
        boolean chat = path.endsWith("/chat/completions");
        if (!stream) {
            sleepUntil(start + millis(ttftMs + itlMs * Math.max(0, n - 1)));
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < n; i++) {
                text.append("w").append(i).append(' ');
            }
            double latency = (System.nanoTime() - start) / 1e6;
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put("x-mock-ttft-ms", String.valueOf(ttftMs));
            response.getHeaders().put("x-mock-itl-ms", String.valueOf(itlMs));
            response.getHeaders().put("x-mock-latency-ms", String.valueOf(latency));
            response.getHeaders().put("x-mock-queue-wait-ms", "0");
            response.getHeaders().put("x-mock-tokens", String.valueOf(n));
            String content = chat ? "\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"}"
                    : "\"text\":\"" + text + "\"";
            write(response, true, "{\"id\":\"x\",\"choices\":[{\"index\":0," + content + ",\"finish_reason\":\"length\"}],"
                    + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":" + n + ",\"total_tokens\":" + (7 + n) + "}}");
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        // Zero latency: the whole stream in one write, so the fixture costs the client as little as possible.
        boolean batch = ttftMs == 0 && itlMs == 0 && !prompt.startsWith("fault:");
        StringBuilder pending = new StringBuilder();
        if (chat) {
            emit(response, pending, batch, "data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}\n\n");
        }
        for (int i = 0; i < n; i++) {
            sleepUntil(start + millis(ttftMs + itlMs * i));
            String delta = chat ? "\"delta\":{\"content\":\"w" + i + " \"}" : "\"text\":\"w" + i + " \"";
            String event = "data: {\"id\":\"x\",\"choices\":[{\"index\":0," + delta + "}]}\n\n";
            if (i == 1 && prompt.startsWith("fault:malformed")) {
                event = "data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"w" + i + " \"\n\n";
            }
            writes[i] = System.nanoTime();
            emit(response, pending, batch, event);
            if (i == 0 && prompt.startsWith("fault:reset")) {
                request.getConnectionMetaData().getConnection().getEndPoint().close();
                return;
            }
            if (i == 0 && prompt.startsWith("fault:stall")) {
                sleepUntil(System.nanoTime() + millis(stallMs));
                return;
            }
            if (i == 0 && prompt.startsWith("fault:stream_error")) {
                write(response, false, "data: {\"error\":{\"message\":\"engine died\",\"code\":500}}\n\n");
                break;
            }
        }
        double latency = (System.nanoTime() - start) / 1e6;
        pending.append("data: {\"id\":\"x\",\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":" + n
                + ",\"total_tokens\":" + (7 + n) + "},\"mock_timing\":{\"queue_wait_ms\":0,\"ttft_ms\":" + ttftMs
                + ",\"itl_ms\":" + itlMs + ",\"latency_ms\":" + latency + ",\"tokens\":" + n + "}}\n\n");
        pending.append("data: [DONE]\n\n");
        write(response, true, pending.toString());
    }

    private static void emit(Response response, StringBuilder pending, boolean batch, String event) throws Exception {
        if (batch) {
            pending.append(event);
        } else {
            write(response, false, event);
        }
    }

    private static long millis(double ms) {
        return Math.round(ms * 1_000_000);
    }

    private static void sleepUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    private static void write(Response response, boolean last, String text) throws Exception {
        try (Blocker.Callback cb = Blocker.callback()) {
            response.write(last, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), cb);
            cb.block();
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
