package dev.aiperf.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.URI;
import java.nio.channels.SelectableChannel;
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
 * {@code GET /v1/models}, {@code GET /health}, {@code GET /mock/sessions[/{id}]}, over HTTP/1.1 and over h2c (HTTP/2 with prior knowledge) on the same
 * port. Behaviour and formulas: {@code docs/MOCK_SERVER.md}.
 */
public final class MockServer implements AutoCloseable {
    /** The most concurrent HTTP/2 streams one connection may carry (SETTINGS_MAX_CONCURRENT_STREAMS). */
    public static final int MAX_STREAMS_PER_CONNECTION = 4096;

    private final MockServerConfig config;
    private final Server jetty;
    private final ServerConnector connector;
    private final TokenScheduler scheduler;
    private final PrefixCache prefixCache;
    private final SessionLog sessionLog;
    private final ScheduledThreadPoolExecutor timer;
    private final TextGenerator text;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong completionIndex = new AtomicLong();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong maxOpen = new AtomicLong();
    private final AtomicLongArray faults = new AtomicLongArray(FaultKind.values().length);
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong http2Requests = new AtomicLong();

    private MockServer(MockServerConfig config) {
        this.config = config;
        this.text = new TextGenerator(config.seed(), config.outputLength());
        // Before the handler, which reads them.
        this.prefixCache = new PrefixCache(config.prefixCache());
        this.sessionLog = new SessionLog(config.sessionLog());
        QueuedThreadPool pool = new QueuedThreadPool(256, 8);
        pool.setName("mock-server");
        pool.setDaemon(true);
        this.jetty = new Server(pool);
        // HTTP/1.1 and h2c (HTTP/2 over cleartext) on the same port: a client that opens with the HTTP/2 preface
        // ("prior knowledge") is switched to HTTP/2 by the HTTP/1.1 connection that reads it.
        HttpConfiguration http = new HttpConfiguration();
        HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(http);
        // Jetty's default of 128 streams per connection would make a client at concurrency 1,000 open 8 connections;
        // the mock holds that many streams on one.
        h2c.setMaxConcurrentStreams(MAX_STREAMS_PER_CONNECTION);
        this.connector = new ServerConnector(jetty, 1, -1, new HttpConnectionFactory(http), h2c);
        // Counts TCP connections, not Jetty Connection objects: an h2c connection is two of those (HTTP/1.1, then
        // HTTP/2 after the preface) on one socket.
        connector.addBean(new SelectorManager.AcceptListener() {
            @Override
            public void onAccepted(SelectableChannel channel) {
                accepted.incrementAndGet();
            }
        });
        connector.setHost(config.host());
        connector.setPort(config.port());
        // Many clients connecting at once (1,000 streams) must not overflow the listen backlog.
        connector.setAcceptQueueSize(4096);
        connector.setIdleTimeout(120_000);
        jetty.addConnector(connector);
        jetty.setHandler(new MockHandler(this));
        this.scheduler = TokenScheduler.of(config.latency(), config.seed(), prefixCache);
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

    /** TCP connections accepted since start, whatever protocol they then spoke. */
    public long connectionsAccepted() {
        return accepted.get();
    }

    /** Requests received over HTTP/2 (h2c) since start, any endpoint. */
    public long http2Requests() {
        return http2Requests.get();
    }

    /** The most completions that were open at the same time. */
    public long maxConcurrentCompletions() {
        return maxOpen.get();
    }

    /** Preemptions under the KV budget (batching mode). */
    public long preemptions() {
        return scheduler.preemptions();
    }

    /** The server-wide counters now: requests, prefix-cache queries and hits, preemptions. */
    public MockStats stats() {
        return new MockStats(completionIndex.get(), served.get(), prefixCache.queriedTokens(),
                prefixCache.hitTokens(), prefixCache.size(), prefixCache.evictedBlocks(), scheduler.preemptions());
    }

    /** What each session sent ({@code X-Session-ID} header, else the body's {@code user}), bounded. */
    public SessionLog sessionLog() {
        return sessionLog;
    }

    /** Empties the prefix cache (e.g. between two runs that must not share it); the counters stay. */
    public void clearPrefixCache() {
        prefixCache.clear();
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

    /** The prefix cache when this server's mode uses one (batching, capacity above 0), else null. */
    PrefixCache activePrefixCache() {
        return prefixCache.enabled() && config.latency() instanceof LatencyMode.Batching ? prefixCache : null;
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

    void recordHttp2Request() {
        http2Requests.incrementAndGet();
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
