package dev.aiperf.engine.client;

import dev.aiperf.engine.config.EndpointType;
import dev.aiperf.engine.dataset.Prompt;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiRequestBodyTest {

    private static String json(EndpointType type, String model, boolean streaming, Prompt prompt) {
        return new String(OpenAiRequestBody.encode(type, model, streaming, prompt), StandardCharsets.UTF_8);
    }

    @Test
    void bodiesPerEndpointInAFixedKeyOrder() {
        Prompt p = new Prompt("hi \"there\"", 3, 8);
        assertThat(json(EndpointType.CHAT, "m", true, p)).isEqualTo(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi \\\"there\\\"\"}],\"stream\":true,"
                        + "\"max_tokens\":8,\"ignore_eos\":true,\"stream_options\":{\"include_usage\":true}}");
        assertThat(json(EndpointType.COMPLETIONS, "m", false, new Prompt("x", 1, null)))
                .isEqualTo("{\"model\":\"m\",\"prompt\":\"x\",\"stream\":false}");
        assertThat(json(EndpointType.EMBEDDINGS, "e", true, p))
                .isEqualTo("{\"model\":\"e\",\"input\":\"hi \\\"there\\\"\"}");
    }
}
