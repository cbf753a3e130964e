package dev.aiperf.engine.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The embedded OpenAI-compatible mock LLM server (Jetty 12, core handler API). One line starts it on a free
 * loopback port:
 * <pre>{@code
 * try (MockServer server = MockServer.start(MockServerConfig.defaults())) {
 *     URI url = server.baseUrl();   // http://127.0.0.1:PORT
 * }
 * }</pre>
 * Endpoints: {@code POST /v1/chat/completions}, {@code POST /v1/completions}, {@code POST /v1/embeddings},
 * {@code GET /v1/models}, {@code GET /health}. Behaviour and formulas: {@code docs/MOCK_SERVER.md}.
 */
public final class MockServer implements AutoCloseable {
    private final MockServerConfig config;
    private final Server jetty;
    private final ServerConnector connector;
    private final TokenScheduler scheduler;
    private final ScheduledThreadPoolExecutor timer;
    private final TextGenerator text;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong completionIndex = new AtomicLong();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong maxOpen = new AtomicLong();
    private final AtomicLongArray faults = new AtomicLongArray(FaultKind.values().length);

    private MockServer(MockServerConfig config) {
        this.config = config;
        this.text = new TextGenerator(config.seed(), config.outputLength());
        QueuedThreadPool pool = new QueuedThreadPool(256, 8);
        pool.setName("mock-server");
        pool.setDaemon(true);
        this.jetty = new Server(pool);
        this.connector = new ServerConnector(jetty, 1, -1);
        connector.setHost(config.host());
        connector.setPort(config.port());
        // Many clients connecting at once (1,000 streams) must not overflow the listen backlog.
        connector.setAcceptQueueSize(4096);
        connector.setIdleTimeout(120_000);
        jetty.addConnector(connector);
        jetty.setHandler(new MockHandler(this));
        this.scheduler = TokenScheduler.of(config.latency(), config.seed());
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "mock-fault-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts a server; with port 0 it binds a free port. Fails with an {@link IllegalStateException} if it cannot bind. */
    public static MockServer start(MockServerConfig config) {
        MockServer server = new MockServer(config);
        try {
            server.jetty.start();
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("mock server could not listen on " + config.host() + ":"
                    + config.port() + ": " + e.getMessage(), e);
        }
        return server;
    }

    /** The server's base URL without a trailing slash, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUrl() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create("http://" + host + ":" + port());
    }

    /** The bound port. */
    public int port() {
        return connector.getLocalPort();
    }

    public MockServerConfig config() {
        return config;
    }

    /** Requests answered completely (any endpoint, including 4xx and injected HTTP errors). */
    public long requestsServed() {
        return served.get();
    }

    /** Chat and text completion requests received (the index the next one gets). */
    public long completionRequests() {
        return completionIndex.get();
    }

    /** Faults injected so far of one kind. */
    public long faultsInjected(FaultKind kind) {
        return faults.get(kind.ordinal());
    }

    /** Faults injected so far, by kind (kinds never injected map to 0). */
    public Map<FaultKind, Long> faultsInjected() {
        EnumMap<FaultKind, Long> m = new EnumMap<>(FaultKind.class);
        for (FaultKind k : FaultKind.values()) {
            m.put(k, faults.get(k.ordinal()));
        }
        return m;
    }

    /** The most completions that were open at the same time. */
    public long maxConcurrentCompletions() {
        return maxOpen.get();
    }

    /** Preemptions under the KV budget (batching mode). */
    public long preemptions() {
        return scheduler.preemptions();
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            // Stopping is best effort; the scheduler and timer below still have to go.
        }
        scheduler.close();
        timer.shutdownNow();
    }

    // ---- for the handler and exchanges ----

    TokenScheduler scheduler() {
        return scheduler;
    }

    ScheduledThreadPoolExecutor timer() {
        return timer;
    }

    TextGenerator text() {
        return text;
    }

    ObjectMapper json() {
        return json;
    }

    long nextCompletionIndex() {
        return completionIndex.getAndIncrement();
    }

    void recordFault(FaultKind kind) {
        faults.incrementAndGet(kind.ordinal());
    }

    void recordServed() {
        served.incrementAndGet();
    }

    void exchangeStarted() {
        long now = open.incrementAndGet();
        maxOpen.accumulateAndGet(now, Math::max);
    }

    void exchangeEnded() {
        open.decrementAndGet();
    }

    /** {@code s} as a JSON string literal, quotes included. */
    String jsonString(String s) {
        try {
            return json.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
