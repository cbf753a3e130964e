package dev.aiperf.engine.client;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.aiperf.engine.config.EndpointType;
import dev.aiperf.engine.dataset.Message;
import dev.aiperf.engine.dataset.Prompt;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON body of one OpenAI-compatible request.
 *
 * <ul>
 *   <li>chat: {@code {"model", "messages": [{"role": "user", "content"}], "stream", ...}}</li>
 *   <li>completions: {@code {"model", "prompt", "stream", ...}}</li>
 *   <li>embeddings: {@code {"model", "input"}} (never streamed, no output length)</li>
 * </ul>
 * With {@link Prompt#maxTokens()} set, chat and completions also carry {@code max_tokens} and
 * {@code ignore_eos: true}; when streaming, {@code stream_options: {"include_usage": true}}. A prompt of a conversation
 * carries its history: chat sends it as the earlier {@code messages} (user turns and the assistant text the server
 * returned), completions as the earlier texts joined by newlines before the new one; its session id goes into the
 * OpenAI {@code user} field.
 */
public final class OpenAiRequestBody {

    private static final JsonFactory JSON = new JsonFactory();

    private OpenAiRequestBody() {
    }

    /** Encodes the body as UTF-8 JSON bytes. */
    public static byte[] encode(EndpointType type, String model, boolean streaming, Prompt prompt) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(prompt.text().length() + 160);
        try (JsonGenerator g = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("model", model);
            switch (type) {
                case CHAT -> {
                    g.writeArrayFieldStart("messages");
                    for (Message m : prompt.history()) {
                        g.writeStartObject();
                        g.writeStringField("role", m.role());
                        g.writeStringField("content", m.content());
                        g.writeEndObject();
                    }
                    g.writeStartObject();
                    g.writeStringField("role", "user");
                    g.writeStringField("content", prompt.text());
                    g.writeEndObject();
                    g.writeEndArray();
                }
                case COMPLETIONS -> g.writeStringField("prompt", completionPrompt(prompt));
                case EMBEDDINGS -> g.writeStringField("input", prompt.text());
            }
            if (prompt.sessionId() != null) {
                g.writeStringField("user", prompt.sessionId());
            }
            if (type != EndpointType.EMBEDDINGS) {
                g.writeBooleanField("stream", streaming);
                if (prompt.maxTokens() != null) {
                    g.writeNumberField("max_tokens", prompt.maxTokens());
                    g.writeBooleanField("ignore_eos", true);
                }
                if (streaming) {
                    g.writeObjectFieldStart("stream_options");
                    g.writeBooleanField("include_usage", true);
                    g.writeEndObject();
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return bytes.toByteArray();
    }

    private static String completionPrompt(Prompt prompt) {
        if (prompt.history().isEmpty()) {
            return prompt.text();
        }
        StringBuilder sb = new StringBuilder();
        for (Message m : prompt.history()) {
            sb.append(m.content()).append('\n');
        }
        return sb.append(prompt.text()).toString();
    }
}
