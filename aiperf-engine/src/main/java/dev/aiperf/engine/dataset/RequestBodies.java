package dev.aiperf.engine.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.config.EndpointType;

import java.nio.charset.StandardCharsets;

/**
 * The exact JSON request body for a prompt, per endpoint type. Keys are written in a fixed order, so the same
 * prompt gives byte-identical bodies.
 *
 * <ul>
 *   <li>chat: {@code {"model", "messages":[{"role":"user","content"}], "stream", "stream_options"?, "max_tokens"?, "ignore_eos"?}}</li>
 *   <li>completions: {@code {"model", "prompt", "stream", "stream_options"?, "max_tokens"?, "ignore_eos"?}}</li>
 *   <li>embeddings: {@code {"model", "input"}} (never streamed)</li>
 * </ul>
 * {@code max_tokens} and {@code ignore_eos: true} are sent only when the prompt has a max token count, so the
 * server produces exactly that many tokens. {@code stream_options: {"include_usage": true}} is sent when streaming
 * and the caller wants the server's usage.
 */
public final class RequestBodies {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RequestBodies() {
    }

    /** The body as a JSON tree. */
    public static ObjectNode build(EndpointType type, String model, Prompt prompt, boolean streaming,
                                   boolean includeUsage) {
        ObjectNode body = NODES.objectNode();
        body.put("model", model);
        switch (type) {
            case CHAT -> {
                ObjectNode message = body.putArray("messages").addObject();
                message.put("role", "user");
                message.put("content", prompt.text());
            }
            case COMPLETIONS -> body.put("prompt", prompt.text());
            case EMBEDDINGS -> {
                body.put("input", prompt.text());
                return body;
            }
        }
        body.put("stream", streaming);
        if (streaming && includeUsage) {
            body.putObject("stream_options").put("include_usage", true);
        }
        if (prompt.maxTokens() != null) {
            body.put("max_tokens", prompt.maxTokens());
            body.put("ignore_eos", true);
        }
        return body;
    }

    /** The body as compact UTF-8 JSON bytes, ready to send. */
    public static byte[] toBytes(EndpointType type, String model, Prompt prompt, boolean streaming,
                                 boolean includeUsage) {
        return toJson(type, model, prompt, streaming, includeUsage).getBytes(StandardCharsets.UTF_8);
    }

    /** The body as compact JSON text. */
    public static String toJson(EndpointType type, String model, Prompt prompt, boolean streaming,
                                boolean includeUsage) {
        try {
            return MAPPER.writeValueAsString(build(type, model, prompt, streaming, includeUsage));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // A tree of strings, numbers and booleans always serialises.
            throw new IllegalStateException(e);
        }
    }
}
