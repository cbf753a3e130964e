package dev.aiperf.mock;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Routes requests, validates bodies and starts completions. It never blocks (bodies are read asynchronously), but it
 * is not declared non-blocking, so Jetty dispatches requests to pool threads instead of parsing every body on the
 * selector thread: with many connections arriving at once, both cores share the JSON work.
 */
final class MockHandler extends Handler.Abstract {
    private static final int MAX_BODY = 16 * 1024 * 1024;
    private static final String SESSIONS = "/mock/sessions";
    /** The request header naming a session; without it the body's OpenAI {@code user} field does. */
    static final String SESSION_HEADER = "X-Session-ID";
    private static final long[] NO_BLOCKS = new long[0];
    private final MockServer server;
    private final SessionLogJson sessionJson;

    MockHandler(MockServer server) {
        this.server = server;
        this.sessionJson = new SessionLogJson(server.sessionLog(), server.json());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        // When the connector began reading the request: the closest the server gets to the wire arrival time,
        // so its account excludes thread dispatch and body parsing just as the client's does not.
        long received = request.getBeginNanoTime();
        if (request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_2) {
            server.recordHttp2Request();
        }
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if (path.startsWith(SESSIONS + "/") && path.length() > SESSIONS.length() + 1) {
            if (requireMethod("GET", method, response, callback)) {
                // From the raw path, percent-decoded once, so an id may contain spaces and the like.
                String raw = request.getHttpURI().getPath();
                String id = URIUtil.decodePath(raw.substring(raw.indexOf(SESSIONS + "/") + SESSIONS.length() + 1));
                String body = sessionJson.session(id);
                if (body == null) {
                    writeError(response, callback, new MockRequestException(404, "invalid_request_error",
                            "no session '" + id + "' in the session log; GET " + SESSIONS + " lists them", null,
                            "not_found"));
                } else {
                    writeJson(response, callback, 200, body);
                }
            }
            return true;
        }
        switch (path) {
            case "/health" -> {
                if (requireMethod("GET", method, response, callback)) {
                    writeJson(response, callback, 200, "{\"status\":\"ok\"}");
                }
            }
            case SESSIONS -> {
                if (requireMethod("GET", method, response, callback)) {
                    writeJson(response, callback, 200, sessionJson.sessions());
                }
            }
            case "/v1/models" -> {
                if (requireMethod("GET", method, response, callback)) {
                    writeJson(response, callback, 200, modelsJson());
                }
            }
            case "/v1/chat/completions", "/v1/completions" -> {
                if (requireMethod("POST", method, response, callback)) {
                    boolean chat = path.equals("/v1/chat/completions");
                    readBody(request, response, callback, body -> completion(request, response, callback, body,
                            chat, received));
                }
            }
            case "/v1/embeddings" -> {
                if (requireMethod("POST", method, response, callback)) {
                    readBody(request, response, callback, body -> embeddings(response, callback, body));
                }
            }
            default -> writeError(response, callback, new MockRequestException(404, "invalid_request_error",
                    "no route for " + method + " " + path + "; this server serves /v1/chat/completions,"
                            + " /v1/completions, /v1/embeddings, /v1/models, /health and " + SESSIONS, null,
                    "not_found"));
        }
        return true;
    }

    private interface BodyConsumer {
        void accept(byte[] body) throws MockRequestException;
    }

    private void readBody(Request request, Response response, Callback callback, BodyConsumer consumer) {
        Content.Source.asByteArrayAsync(request, MAX_BODY).whenComplete((body, failure) -> {
            if (failure != null) {
                callback.failed(failure);
                return;
            }
            try {
                consumer.accept(body);
            } catch (MockRequestException e) {
                writeError(response, callback, e);
            }
        });
    }

    private void completion(Request request, Response response, Callback callback, byte[] body, boolean chat,
                            long received) throws MockRequestException {
        CompletionRequest req = CompletionRequest.parse(server.json(), body, chat, server.config().models());
        // Logged before any fault: the log is what the session sent, whatever the server then did with it.
        String session = sessionId(request, req);
        SessionLog.Entry logged = session == null ? null
                : server.sessionLog().append(session, req.messages(), req.promptTokens(), received);
        long index = server.nextCompletionIndex();
        FaultKind fault = server.config().faults().pick(server.config().seed(), index);
        if (fault != null) {
            server.recordFault(fault);
        }
        if (fault == FaultKind.HTTP_429 || fault == FaultKind.HTTP_500 || fault == FaultKind.HTTP_503) {
            writeError(response, callback, httpFault(fault));
            return;
        }
        if (fault == FaultKind.DROP_BEFORE_HEADERS) {
            drop(request);
            callback.failed(new EofException("mock fault: connection dropped before headers"));
            return;
        }
        SplittableRandom random = server.text().randomFor(req.promptKey());
        int outputTokens = server.text().outputTokens(random, req.promptTokens(), req.maxTokens(), req.ignoreEos());
        String[] words = server.text().words(random, outputTokens);
        CompletionExchange exchange = new CompletionExchange(server, request, response, callback, req, words, fault,
                received, index, logged);
        // Hashing the prompt's blocks here spreads that work over the request threads; the scheduler only looks up.
        PrefixCache cache = server.activePrefixCache();
        long[] blocks = cache == null ? NO_BLOCKS : cache.keys(req.promptKey());
        Generation sequence = new Generation(req.promptTokens(), outputTokens, blocks, index, exchange);
        exchange.attach(sequence);
        server.exchangeStarted();
        // A client that goes away frees its batch slot instead of holding it until a write fails.
        request.addFailureListener(exchange::abort);
        if (fault == FaultKind.SLOW_FIRST_BYTE) {
            server.timer().schedule(() -> {
                exchange.markSubmitted();
                server.scheduler().submit(sequence);
            }, server.config().faults().slowFirstByteMs(), TimeUnit.MILLISECONDS);
        } else {
            exchange.markSubmitted();
            server.scheduler().submit(sequence);
        }
    }

    /** The {@code X-Session-ID} header, else the body's {@code user}; null when neither names a session. */
    private static String sessionId(Request request, CompletionRequest req) {
        String header = request.getHeaders().get(SESSION_HEADER);
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        return req.user();
    }

    /**
     * Drops one request the way its protocol allows: over HTTP/1.1 the TCP connection is closed; over HTTP/2 the
     * connection carries other requests' streams, so only this request's stream is reset (RST_STREAM with
     * CANCEL), the closest HTTP/2 equivalent of a server dropping one request. The caller still fails the callback.
     */
    static void drop(Request request) {
        Connection connection = request.getConnectionMetaData().getConnection();
        if (connection instanceof HTTP2Connection h2) {
            int id = Integer.parseInt(request.getId());
            Stream stream = h2.getSession().getStream(id);
            if (stream != null) {
                stream.reset(new ResetFrame(id, ErrorCode.CANCEL_STREAM_ERROR.code), Callback.NOOP);
            }
        } else {
            connection.getEndPoint().close();
        }
    }

    private static MockRequestException httpFault(FaultKind fault) {
        return switch (fault) {
            case HTTP_429 -> new MockRequestException(429, "rate_limit_error",
                    "mock fault: rate limit reached, retry later", null, "rate_limit_exceeded");
            case HTTP_503 -> new MockRequestException(503, "service_unavailable_error",
                    "mock fault: the server is overloaded", null, "service_unavailable");
            default -> new MockRequestException(500, "server_error",
                    "mock fault: internal server error", null, "internal_error");
        };
    }

    private void embeddings(Response response, Callback callback, byte[] body) throws MockRequestException {
        JsonNode root = CompletionRequest.parseObject(server.json(), body);
        String model = CompletionRequest.requireModel(root, server.config().models());
        JsonNode input = root.get("input");
        if (input == null || input.isNull()) {
            throw MockRequestException.invalid("you must provide an 'input' parameter", "input",
                    "missing_required_parameter");
        }
        List<String> inputs = new ArrayList<>();
        if (input.isTextual()) {
            inputs.add(input.asText());
        } else if (input.isArray() && !input.isEmpty()) {
            boolean ids = input.get(0).isInt();
            if (ids) {
                inputs.add(input.toString());
            } else {
                for (JsonNode e : input) {
                    if (!e.isTextual() && !e.isArray()) {
                        throw MockRequestException.invalid("'input' must be a string, a list of strings or token"
                                + " id lists", "input", "invalid_type");
                    }
                    inputs.add(e.isTextual() ? e.asText() : e.toString());
                }
            }
        } else {
            throw MockRequestException.invalid("'input' must be a non-empty string or list", "input",
                    "invalid_type");
        }
        StringBuilder sb = new StringBuilder("{\"object\":\"list\",\"data\":[");
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            String s = inputs.get(i);
            tokens += Math.max(1, TextGenerator.countTokens(s.replace(',', ' ')));
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"object\":\"embedding\",\"index\":").append(i).append(",\"embedding\":[");
            float[] v = server.text().embedding(s);
            for (int j = 0; j < v.length; j++) {
                if (j > 0) {
                    sb.append(',');
                }
                sb.append(v[j]);
            }
            sb.append("]}");
        }
        sb.append("],\"model\":").append(server.jsonString(model)).append(",\"usage\":{\"prompt_tokens\":")
                .append(tokens).append(",\"total_tokens\":").append(tokens).append("}}");
        writeJson(response, callback, 200, sb.toString());
    }

    private String modelsJson() {
        List<String> models = server.config().models().isEmpty()
                ? List.of(MockServerConfig.DEFAULT_MODEL) : server.config().models();
        StringBuilder sb = new StringBuilder("{\"object\":\"list\",\"data\":[");
        for (int i = 0; i < models.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"id\":").append(server.jsonString(models.get(i)))
                    .append(",\"object\":\"model\",\"created\":0,\"owned_by\":\"aiperf-mock\"}");
        }
        return sb.append("]}").toString();
    }

    private boolean requireMethod(String expected, String method, Response response, Callback callback) {
        if (expected.equals(method)) {
            return true;
        }
        response.getHeaders().put(HttpHeader.ALLOW, expected);
        writeError(response, callback, new MockRequestException(405, "invalid_request_error",
                "method " + method + " is not allowed here; use " + expected, null, "method_not_allowed"));
        return false;
    }

    private void writeError(Response response, Callback callback, MockRequestException e) {
        String body = "{\"error\":{\"message\":" + server.jsonString(e.getMessage()) + ",\"type\":"
                + server.jsonString(e.type()) + ",\"param\":"
                + (e.param() == null ? "null" : server.jsonString(e.param())) + ",\"code\":"
                + (e.code() == null ? "null" : server.jsonString(e.code())) + "}}";
        writeJson(response, callback, e.status(), body);
    }

    private void writeJson(Response response, Callback callback, int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), Callback.from(() -> {
            server.recordServed();
            callback.succeeded();
        }, callback::failed));
    }
}
