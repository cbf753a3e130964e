package dev.aiperf.engine.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.aiperf.engine.client.RequestRecord.ServerTiming;
import dev.aiperf.engine.client.RequestRecord.Usage;

import java.io.IOException;

/**
 * Reads one OpenAI-style JSON payload (an SSE event's data or a whole non-streaming body). The
 * {@link JsonEventScanner} reads it first, straight from the bytes; whatever the scanner is not sure of is read
 * with Jackson's streaming parser, which builds no tree either: output text is copied straight from the parser's
 * character buffer into the collector. Both give the same result for every payload the scanner accepts.
 */
final class PayloadReader {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_MESSAGE = 300;
    /** The server error message recorded for an {@code error} object without a {@code message}. */
    static final String ERROR_WITHOUT_MESSAGE = "error object without a message";

    private PayloadReader() {
    }

    /**
     * Parses {@code buf[off, off+len)} into {@code out}.
     *
     * @param nanos     arrival time to record when the payload is a response
     * @param wholeBody true for a non-streaming body, which counts as one response whatever it contains;
     *                  false for an SSE event, which counts only when it carries non-empty content
     */
    static void read(byte[] buf, int off, int len, long nanos, ResponseCollector out, boolean wholeBody) {
        if (!out.scanner().scan(buf, off, len, nanos, out, wholeBody)) {
            readWithJackson(buf, off, len, nanos, out, wholeBody);
        }
    }

    /** {@link #read} with Jackson alone: the reference the fast path must match, and its fallback. */
    static void readWithJackson(byte[] buf, int off, int len, long nanos, ResponseCollector out, boolean wholeBody) {
        boolean content = false;
        try (JsonParser p = JSON.createParser(buf, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                out.parseError("expected a JSON object but got: " + excerpt(buf, off, len));
                return;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "choices" -> content |= readChoices(p, value, out);
                    case "usage" -> readUsage(p, value, out);
                    case "mock_timing" -> readTiming(p, value, out);
                    case "error" -> readError(p, value, out);
                    case "message", "detail" -> {
                        if (value == JsonToken.VALUE_STRING && out.serverErrorMessage == null) {
                            out.serverErrorMessage = p.getText();
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "data" -> {
                        // Embeddings: the vectors are the output; nothing to count.
                        content |= value == JsonToken.START_ARRAY;
                        p.skipChildren();
                    }
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                out.parseError("unexpected " + t + " in: " + excerpt(buf, off, len));
                return;
            }
        } catch (IOException | RuntimeException e) {
            out.parseError("invalid JSON (" + firstLine(e.getMessage()) + ") in: " + excerpt(buf, off, len));
            return;
        }
        if (content || wholeBody) {
            out.addResponse(nanos);
        }
    }

    /** Reads {@code choices[0]}: {@code delta}/{@code message} content and reasoning, or completions' {@code text}. */
    private static boolean readChoices(JsonParser p, JsonToken value, ResponseCollector out) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return false;
        }
        boolean content = false;
        boolean first = true;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (!first || t != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            first = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("delta".equals(name) || "message".equals(name)) {
                    content |= readMessage(p, v, out);
                } else if ("text".equals(name)) {
                    content |= appendText(p, v, out);
                } else {
                    p.skipChildren();
                }
            }
        }
        return content;
    }

    private static boolean readMessage(JsonParser p, JsonToken value, ResponseCollector out) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return false;
        }
        boolean content = false;
        boolean reasoningSeen = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "content" -> content |= appendText(p, v, out);
                // Some servers send the same text under both names; count it once.
                case "reasoning_content", "reasoning" -> {
                    if (!reasoningSeen && appendText(p, v, out)) {
                        reasoningSeen = true;
                        content = true;
                    }
                }
                default -> p.skipChildren();
            }
        }
        return content;
    }

    private static boolean appendText(JsonParser p, JsonToken v, ResponseCollector out) throws IOException {
        if (v != JsonToken.VALUE_STRING) {
            p.skipChildren();
            return false;
        }
        int n = p.getTextLength();
        if (n == 0) {
            return false;
        }
        out.text.append(p.getTextCharacters(), p.getTextOffset(), n);
        return true;
    }

    private static void readUsage(JsonParser p, JsonToken value, ResponseCollector out) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        int prompt = 0;
        int completion = 0;
        int reasoning = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "prompt_tokens" -> prompt = intValue(p, v);
                case "completion_tokens" -> completion = intValue(p, v);
                case "reasoning_tokens" -> reasoning = intValue(p, v);
                case "completion_tokens_details" -> {
                    if (v == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String inner = p.currentName();
                            JsonToken iv = p.nextToken();
                            if ("reasoning_tokens".equals(inner)) {
                                reasoning = intValue(p, iv);
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        out.usage = new Usage(prompt, completion, reasoning);
    }

    private static void readTiming(JsonParser p, JsonToken value, ResponseCollector out) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        double queue = 0;
        double ttft = 0;
        double itl = 0;
        double latency = 0;
        int tokens = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "queue_wait_ms" -> queue = doubleValue(p, v);
                case "ttft_ms" -> ttft = doubleValue(p, v);
                case "itl_ms" -> itl = doubleValue(p, v);
                case "latency_ms" -> latency = doubleValue(p, v);
                case "tokens" -> tokens = intValue(p, v);
                default -> p.skipChildren();
            }
        }
        out.serverTiming = new ServerTiming(queue, ttft, itl, latency, tokens);
    }

    private static void readError(JsonParser p, JsonToken value, ResponseCollector out) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            out.serverErrorMessage = p.getText();
            return;
        }
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        String message = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if ("message".equals(name) && v == JsonToken.VALUE_STRING) {
                message = p.getText();
            } else {
                p.skipChildren();
            }
        }
        out.serverErrorMessage = message == null ? ERROR_WITHOUT_MESSAGE : message;
    }

    private static int intValue(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getValueAsInt();
        }
        p.skipChildren();
        return 0;
    }

    private static double doubleValue(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getValueAsDouble();
        }
        p.skipChildren();
        return 0;
    }

    static String excerpt(byte[] buf, int off, int len) {
        String s = new String(buf, off, Math.min(len, MAX_MESSAGE), java.nio.charset.StandardCharsets.UTF_8);
        return len > MAX_MESSAGE ? s + "..." : s;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
