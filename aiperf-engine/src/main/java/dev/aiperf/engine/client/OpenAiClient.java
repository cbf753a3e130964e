package dev.aiperf.engine.client;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.spi.Tokenizer;
import dev.aiperf.engine.config.EndpointConfig;
import dev.aiperf.engine.config.EndpointType;
import dev.aiperf.engine.dataset.Prompt;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.ConnectionPool;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpClientTransport;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends OpenAI-compatible requests with Jetty's {@link HttpClient} and reports one {@link RequestRecord} per
 * request. HTTP/1.1 by default with a pool of up to {@code maxConnections} connections per URL; HTTP/2 over
 * cleartext (h2c, prior knowledge) when {@link EndpointConfig#http2()} is set. Several URLs are used round-robin
 * by request index. The API key goes only into the {@code Authorization} header; nothing here logs it.
 *
 * <p>Thread-safe: one client serves a whole run. Close it when the run is over.
 */
public final class OpenAiClient implements AutoCloseable {

    /** Pass as {@code intendedStartNanos} when the request was not scheduled (closed loop). */
    public static final long UNSCHEDULED = Long.MIN_VALUE;
    /** The request header that names a conversation's session, for session-affine routers. */
    public static final String SESSION_HEADER = "X-Session-ID";

    private final EndpointConfig endpoint;
    private final String model;
    private final Tokenizer tokenizer;
    private final List<URI> urls;
    private final List<HttpField> fixedHeaders;
    private final long timeoutMillis;
    private final int maxConnections;
    private final long wallOffsetNanos;
    private final HttpClient http;

    /**
     * Starts a client.
     *
     * @param endpoint       URLs, endpoint type, streaming, key, headers, timeout, HTTP version
     * @param model          the model name sent in every request
     * @param tokenizer      counts output tokens (unless the endpoint asks for the server's count)
     * @param maxConnections connection pool size per URL; at least the highest concurrency of the run
     * @throws ConfigException when the endpoint has no usable URL, timeout or model
     */
    public OpenAiClient(EndpointConfig endpoint, String model, Tokenizer tokenizer, int maxConnections) {
        if (endpoint.urls().isEmpty()) {
            throw new ConfigException("endpoint.urls: no URL to send requests to; give --url or endpoint.urls "
                    + "(or let the engine start the embedded mock server)");
        }
        if (model == null || model.isBlank()) {
            throw new ConfigException("models: no model name to send; give --model or benchmark.models");
        }
        if (!(endpoint.timeoutSeconds() > 0)) {
            throw new ConfigException("endpoint.timeout: must be a positive number of seconds; got "
                    + endpoint.timeoutSeconds());
        }
        if (maxConnections < 1) {
            throw new ConfigException("connection pool size must be at least 1; got " + maxConnections);
        }
        this.endpoint = endpoint;
        this.model = model;
        this.tokenizer = tokenizer;
        this.urls = endpoint.urls().stream().map(OpenAiClient::parseUrl).toList();
        if (endpoint.http2()) {
            requireCleartext(urls);
        }
        this.timeoutMillis = Math.max(1, Math.round(endpoint.timeoutSeconds() * 1000));
        this.maxConnections = maxConnections;
        this.fixedHeaders = fixedHeaders(endpoint);
        Instant now = Instant.now();
        long mono = System.nanoTime();
        this.wallOffsetNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() - mono;
        this.http = startHttpClient();
    }

    private static URI parseUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("endpoint.urls: '" + url + "' is not a valid URL (" + e.getMessage() + ")");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new ConfigException("endpoint.urls: '" + url + "' must be an http:// or https:// URL with a host, "
                    + "e.g. http://localhost:8000/v1/chat/completions");
        }
        return uri;
    }

    /** HTTP/2 here is h2c with prior knowledge; HTTP/2 over TLS would need ALPN, which the client does not carry. */
    private static void requireCleartext(List<URI> urls) {
        for (URI uri : urls) {
            if (uri.getScheme().equals("https")) {
                throw new ConfigException("endpoint.http2: HTTP/2 is supported over cleartext only (h2c, prior "
                        + "knowledge), not over TLS; '" + uri + "' is https. Use an http:// URL, or drop --http2 "
                        + "(endpoint.http2: false) to send HTTP/1.1 over TLS");
            }
        }
    }

    private static List<HttpField> fixedHeaders(EndpointConfig endpoint) {
        List<HttpField> headers = new ArrayList<>();
        headers.add(new HttpField(HttpHeader.ACCEPT, endpoint.streaming() && endpoint.type() != EndpointType.EMBEDDINGS
                ? "text/event-stream" : "application/json"));
        if (endpoint.apiKey() != null && !endpoint.apiKey().isEmpty()) {
            headers.add(new HttpField(HttpHeader.AUTHORIZATION, "Bearer " + endpoint.apiKey()));
        }
        for (Map.Entry<String, String> h : endpoint.headers().entrySet()) {
            headers.add(new HttpField(h.getKey(), h.getValue()));
        }
        return List.copyOf(headers);
    }

    private HttpClient startHttpClient() {
        ClientConnector connector = new ClientConnector();
        HttpClientTransport transport = endpoint.http2()
                ? new HttpClientTransportOverHTTP2(new HTTP2Client(connector))
                : new HttpClientTransportOverHTTP(connector);
        // Every listener of an exchange only parses and timestamps (Exchange hands the slow part, counting tokens
        // and recording, to the pool), so responses can be read on the selector thread that saw the bytes arrive:
        // no hand-over to a pool thread per chunk, so no wake-up delay in the timestamps and no context switch
        // per streamed token.
        transport.setInvocationType(Invocable.InvocationType.NON_BLOCKING);
        HttpClient client = new HttpClient(transport);
        // Few threads on purpose: the I/O needs none per connection, and on a small machine every extra runnable
        // thread takes CPU from the JIT compiler threads, leaving the hot path in its slow profiling tier for longer
        // (docs/PERFORMANCE.md, "Client threads").
        int cores = Runtime.getRuntime().availableProcessors();
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(8, 2 * cores), 2);
        threads.setName("aiperf-client");
        threads.setDaemon(true);
        client.setExecutor(threads);
        client.setMaxConnectionsPerDestination(maxConnections);
        client.setMaxRequestsQueuedPerDestination(1 << 20);
        client.setConnectTimeout(Math.min(timeoutMillis, 30_000));
        // Idle connections must survive the pause between warmup and profiling.
        client.setIdleTimeout(Math.max(timeoutMillis, 300_000));
        client.setFollowRedirects(false);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "aiperf-java"));
        // Heap buffers let the SSE parser scan the bytes in place.
        client.setUseInputDirectByteBuffers(false);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the HTTP client: " + e.getMessage(), e);
        }
        return client;
    }

    /**
     * Opens connections before the measured phases start, so no measured request pays for a TCP handshake. For
     * HTTP/1.1, {@code n} spread over the URLs (capped at the pool size). For HTTP/2, one per URL first; once the
     * server's SETTINGS say how many streams a connection may carry, as many more as {@code n} streams need, since a
     * burst that finds every stream slot taken would otherwise open a connection per waiting request.
     *
     * @throws ConfigException when a URL cannot be connected to
     */
    public void warmUpConnections(int n) {
        if (n <= 0) {
            return;
        }
        int perUrl = Math.min(maxConnections, (n + urls.size() - 1) / urls.size());
        List<Destination> destinations = new ArrayList<>();
        for (URI uri : urls) {
            destinations.add(http.resolveDestination(http.newRequest(uri)));
        }
        preCreate(destinations, endpoint.http2() ? 1 : perUrl);
        if (endpoint.http2()) {
            List<Integer> more = new ArrayList<>();
            for (Destination destination : destinations) {
                int streams = streamsPerConnection(destination);
                more.add(streams == 0 ? 0 : Math.min(maxConnections, (perUrl + streams - 1) / streams) - 1);
            }
            preCreate(destinations, more);
        }
    }

    private void preCreate(List<Destination> destinations, int perDestination) {
        preCreate(destinations, destinations.stream().map(d -> perDestination).toList());
    }

    private void preCreate(List<Destination> destinations, List<Integer> counts) {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (int i = 0; i < destinations.size(); i++) {
            pending.add(counts.get(i) > 0 ? destinations.get(i).getConnectionPool().preCreateConnections(counts.get(i))
                    : CompletableFuture.completedFuture(null));
        }
        for (int i = 0; i < urls.size(); i++) {
            try {
                pending.get(i).get(Math.min(timeoutMillis, 30_000) + 1_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                throw new ConfigException("endpoint.urls: cannot open a connection to " + urls.get(i) + " ("
                        + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                        + "); check that the server is running and the URL is right");
            }
        }
    }

    /**
     * The streams the server lets one open HTTP/2 connection of this destination carry (its first connection's
     * SETTINGS_MAX_CONCURRENT_STREAMS), or 0 when no connection is open to ask.
     */
    private static int streamsPerConnection(Destination destination) {
        ConnectionPool pool = destination.getConnectionPool();
        Connection connection = pool.acquire(false);
        if (connection == null) {
            return 0;
        }
        try {
            return connection instanceof ConnectionPool.MaxMultiplexable m ? Math.max(1, m.getMaxMultiplex()) : 1;
        } finally {
            pool.release(connection);
        }
    }

    /**
     * Sends one request asynchronously. {@code onDone} receives its record exactly once, on a client thread,
     * whatever the outcome: errors are recorded, never thrown.
     *
     * @param index              the request's index within the run (also picks the URL round-robin)
     * @param phase              the phase's name, copied into the record
     * @param excluded           true for warmup requests
     * @param prompt             the input
     * @param intendedStartNanos when the schedule wanted it sent, or {@link #UNSCHEDULED}
     * @param onDone             receives the record; must be fast and thread-safe
     */
    public InFlightRequest send(long index, String phase, boolean excluded, Prompt prompt, long intendedStartNanos,
            Consumer<RequestRecord> onDone) {
        return send(index, phase, excluded, prompt, intendedStartNanos, null, onDone);
    }

    /**
     * As {@link #send(long, String, boolean, Prompt, long, Consumer)}, and runs {@code onFirstResponse} once, on the
     * I/O thread, when the first content response arrives (the end of prefill), or before {@code onDone} when none
     * does. Must be fast.
     */
    public InFlightRequest send(long index, String phase, boolean excluded, Prompt prompt, long intendedStartNanos,
            Runnable onFirstResponse, Consumer<RequestRecord> onDone) {
        boolean streaming = endpoint.streaming() && endpoint.type() != EndpointType.EMBEDDINGS;
        byte[] body = OpenAiRequestBody.encode(endpoint.type(), model, streaming, prompt);
        URI uri = urls.get((int) Math.floorMod(index, (long) urls.size()));
        Request request = http.newRequest(uri)
                .method(HttpMethod.POST)
                .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .headers(h -> {
                    for (HttpField f : fixedHeaders) {
                        h.put(f);
                    }
                })
                .body(new BytesRequestContent("application/json", body));
        if (prompt.sessionId() != null) {
            request.headers(h -> h.put(SESSION_HEADER, prompt.sessionId()));
        }
        Exchange exchange = new Exchange(this, index, phase, excluded, prompt, intendedStartNanos, onFirstResponse,
                onDone);
        exchange.start(request);
        return exchange;
    }

    /** Epoch nanoseconds of a {@link System#nanoTime()} value, on this client's fixed anchor. */
    public long wallClockNanos(long monotonicNanos) {
        return wallOffsetNanos + monotonicNanos;
    }

    /** The per-request timeout in seconds. */
    public double timeoutSeconds() {
        return endpoint.timeoutSeconds();
    }

    EndpointType endpointType() {
        return endpoint.type();
    }

    boolean useServerTokenCount() {
        return endpoint.useServerTokenCount();
    }

    /** Where an exchange turns what it received into a record, off the I/O thread. */
    Executor completionExecutor() {
        return http.getExecutor();
    }

    Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The connection pool size per URL. */
    public int maxConnections() {
        return maxConnections;
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            // Stopping only releases sockets and threads; nothing measured is lost.
        }
    }

    @Override
    public String toString() {
        return "OpenAiClient[" + endpoint + ", model=" + model + ", maxConnections=" + maxConnections + "]";
    }
}
