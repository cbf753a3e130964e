package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.aiperf.engine.config.BenchmarkBinder.DEFAULT_TIMEOUT_SECONDS;

/** Binds {@code benchmark.endpoint}: the URLs (completed by {@link EndpointUrls}), type, streaming and transport. */
final class EndpointBinder {
    static final Set<String> KEYS = Set.of("url", "urls", "type", "streaming", "api_key", "headers",
            "timeout", "use_server_token_count", "http2");

    private EndpointBinder() {
    }

    /** The endpoint; {@code null} when {@code endpoint:} is not a mapping (recorded). */
    static EndpointConfig bind(Fields root, Problems problems) {
        Fields f = Fields.of(root.get("endpoint"), root.pathOf("endpoint"), problems);
        if (f == null) {
            return null;
        }
        f.allowOnly(KEYS);
        EndpointType type = EndpointType.CHAT;
        String typeName = f.string("type");
        if (typeName != null) {
            type = EndpointType.fromName(typeName);
            if (type == null) {
                List<String> names = Arrays.stream(EndpointType.values()).map(EndpointType::yamlName).toList();
                problems.add(f.pathOf("type"), "unknown endpoint type '" + typeName + "'" + ClosestKey.hintValue(typeName, names));
                type = EndpointType.CHAT;
            }
        }
        boolean streaming = f.bool("streaming", false);
        if (streaming && type == EndpointType.EMBEDDINGS) {
            problems.add(f.pathOf("streaming"), "embeddings endpoints do not stream; set streaming: false");
        }
        List<String> urls = urls(f, type, problems);
        Map<String, String> headers = new LinkedHashMap<>();
        Fields h = f.has("headers") ? Fields.of(f.get("headers"), f.pathOf("headers"), problems) : null;
        if (h != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = h.node().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    problems.add(h.pathOf(e.getKey()), "header values must be strings; got " + Fields.describe(e.getValue()));
                } else {
                    headers.put(e.getKey(), e.getValue().asText());
                }
            }
        }
        String apiKey = f.string("api_key");
        Double timeout = f.number("timeout", 0, true);
        boolean http2 = f.bool("http2", false);
        if (http2) {
            // HTTP/2 is h2c with prior knowledge; over TLS it would need ALPN, which the client does not carry.
            urls.stream().filter(u -> u.regionMatches(true, 0, "https://", 0, 8)).findFirst().ifPresent(u ->
                    problems.add(f.pathOf("http2"), "HTTP/2 is supported over cleartext only (h2c, prior knowledge),"
                            + " not over TLS; '" + u + "' is https. Use an http:// URL, or drop --http2"
                            + " (http2: false) to send HTTP/1.1 over TLS"));
        }
        return new EndpointConfig(urls, type, streaming, apiKey == null || apiKey.isEmpty() ? null : apiKey, headers,
                timeout == null ? DEFAULT_TIMEOUT_SECONDS : timeout, f.bool("use_server_token_count", false), http2);
    }

    private static List<String> urls(Fields f, EndpointType type, Problems problems) {
        List<String> raw = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        if (f.has("url") && f.has("urls")) {
            problems.add(f.pathOf("url"), "both 'url' and 'urls' are given; keep one");
            return List.of();
        }
        String key = f.has("url") ? "url" : "urls";
        JsonNode v = f.get(key);
        if (v == null) {
            return List.of();
        }
        if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                raw.add(v.get(i).isValueNode() ? v.get(i).asText() : null);
                paths.add(f.pathOf(key) + "[" + i + "]");
            }
        } else if (v.isValueNode()) {
            raw.add(v.asText());
            paths.add(f.pathOf(key));
        } else {
            problems.add(f.pathOf(key), "expected a URL or a list of URLs; got " + Fields.describe(v));
        }
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String u = EndpointUrls.resolve(raw.get(i), type);
            if (u == null) {
                problems.add(paths.get(i), "'" + raw.get(i) + "' is not an http(s) URL; write e.g."
                        + " http://localhost:8000 (the " + type.yamlName() + " path " + type.defaultPath()
                        + " is appended) or a full endpoint URL");
            } else {
                urls.add(u);
            }
        }
        return urls;
    }
}
