package dev.aiperf.engine.config;

import java.util.List;
import java.util.Map;

/**
 * Where and how requests are sent.
 *
 * @param urls           full endpoint URLs (a base URL given by the user has the type's path appended at load time);
 *                       empty means "start the embedded mock server"
 * @param type           chat, completions or embeddings
 * @param streaming      request SSE streaming
 * @param apiKey         bearer token, or {@code null}; never written to an artifact or a log
 * @param headers        extra request headers
 * @param timeoutSeconds per-request timeout
 * @param useServerTokenCount count output tokens from the server's {@code usage} instead of the client tokenizer
 * @param http2          use HTTP/2 (h2c) instead of HTTP/1.1
 */
public record EndpointConfig(
        List<String> urls,
        EndpointType type,
        boolean streaming,
        String apiKey,
        Map<String, String> headers,
        double timeoutSeconds,
        boolean useServerTokenCount,
        boolean http2) {

    public EndpointConfig {
        urls = List.copyOf(urls);
        headers = Map.copyOf(headers);
    }

    /** True when no URL was given anywhere and the embedded mock server should serve the run. */
    public boolean usesEmbeddedServer() {
        return urls.isEmpty();
    }

    @Override
    public String toString() {
        // Never print the key.
        return "EndpointConfig[urls=" + urls + ", type=" + type + ", streaming=" + streaming
                + ", apiKey=" + (apiKey == null ? "null" : "<redacted>") + ", headers=" + headers.keySet()
                + ", timeoutSeconds=" + timeoutSeconds + ", useServerTokenCount=" + useServerTokenCount
                + ", http2=" + http2 + "]";
    }
}
