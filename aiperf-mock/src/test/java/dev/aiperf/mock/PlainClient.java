package dev.aiperf.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The JDK's HTTP client, with timestamps per SSE event: an independent check of the server. */
final class PlainClient {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final URI base;

    PlainClient(URI base) {
        this.base = base;
    }

    /** A streamed response: the {@code data:} payloads in order, each with the nanoTime its line was read. */
    record Stream(int status, long sentNanos, List<String> data, List<Long> nanos, String raw,
                  java.net.http.HttpHeaders headers) {
        /** Parsed JSON payloads (everything but [DONE]). */
        List<JsonNode> chunks() {
            List<JsonNode> out = new ArrayList<>();
            for (String d : data) {
                if (!d.equals("[DONE]")) {
                    out.add(json(d));
                }
            }
            return out;
        }

        /** Read times of the chunks that carry a token (non-empty choices). */
        List<Long> tokenNanos() {
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                if (data.get(i).contains("\"choices\":[{")) {
                    out.add(nanos.get(i));
                }
            }
            return out;
        }

        JsonNode timing() {
            for (JsonNode c : chunks()) {
                if (c.has("mock_timing")) {
                    return c.get("mock_timing");
                }
            }
            throw new AssertionError("no mock_timing chunk in " + data);
        }
    }

    /** A POST; {@code headers} are name, value pairs. */
    HttpResponse<String> post(String path, String body, String... headers) {
        try {
            return http.send(request(path, body, headers), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A streamed POST; {@code headers} are name, value pairs. */
    Stream stream(String path, String body, String... headers) {
        long sent = System.nanoTime();
        try {
            HttpResponse<java.io.InputStream> r = http.send(request(path, body, headers),
                    HttpResponse.BodyHandlers.ofInputStream());
            List<String> data = new ArrayList<>();
            List<Long> nanos = new ArrayList<>();
            StringBuilder raw = new StringBuilder();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    long now = System.nanoTime();
                    raw.append(line).append('\n');
                    if (line.startsWith("data: ")) {
                        data.add(line.substring(6));
                        nanos.add(now);
                    }
                }
            }
            return new Stream(r.statusCode(), sent, data, nanos, raw.toString(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest request(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    /** A chat body with a prompt of {@code words} words. */
    static String chat(int words, int maxTokens, boolean stream) {
        return "{\"model\":\"mock-model\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt(words)
                + "\"}],\"max_tokens\":" + maxTokens + ",\"ignore_eos\":true,\"stream\":" + stream
                + (stream ? ",\"stream_options\":{\"include_usage\":true}" : "") + "}";
    }

    static String prompt(int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(i == 0 ? "" : " ").append("w").append(i);
        }
        return sb.toString();
    }
}
