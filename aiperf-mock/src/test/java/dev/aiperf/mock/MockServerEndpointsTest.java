package dev.aiperf.mock;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint, streaming and not, parsed by the JDK client; validation errors; determinism under a seed. */
class MockServerEndpointsTest {
    private static MockServer server;
    private static PlainClient client;

    @BeforeAll
    static void start() {
        server = MockServer.start(MockServerConfig.zeroLatency());
        client = new PlainClient(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void baseUrlIsLoopbackOnTheBoundPort() {
        assertThat(server.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + server.port());
        assertThat(server.port()).isPositive();
    }

    @Test
    void chatNonStreamingHasExactTokensUsageAndServerTiming() {
        HttpResponse<String> r = client.post("/v1/chat/completions", PlainClient.chat(7, 33, false));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = PlainClient.json(r.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText().split(" ")).hasSize(33);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("length");
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(7);
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(33);
        assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(40);
        JsonNode timing = body.path("mock_timing");
        assertThat(timing.path("tokens").asInt()).isEqualTo(33);
        assertThat(timing.path("latency_ms").asDouble()).isGreaterThanOrEqualTo(timing.path("ttft_ms").asDouble());
        assertThat(r.headers().firstValue("x-mock-tokens")).hasValue("33");
        for (String h : List.of("x-mock-queue-wait-ms", "x-mock-ttft-ms", "x-mock-itl-ms", "x-mock-latency-ms")) {
            assertThat(Double.parseDouble(r.headers().firstValue(h).orElseThrow())).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void chatStreamingHasRoleFirstOneChunkPerTokenUsageTimingThenDone() {
        PlainClient.Stream s = client.stream("/v1/chat/completions", PlainClient.chat(5, 64, true));
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.data().get(s.data().size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = s.chunks();
        List<JsonNode> tokens = chunks.stream().filter(c -> !c.path("choices").isEmpty()).toList();
        assertThat(tokens).hasSize(64);
        assertThat(tokens).allSatisfy(c -> assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk"));
        assertThat(tokens.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(tokens.get(1).at("/choices/0/delta").has("role")).isFalse();
        assertThat(tokens.get(63).at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(tokens.get(10).at("/choices/0/finish_reason").isNull()).isTrue();
        JsonNode usage = chunks.get(chunks.size() - 2);
        assertThat(usage.path("choices").isEmpty()).isTrue();
        assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(64);
        assertThat(usage.at("/usage/prompt_tokens").asInt()).isEqualTo(5);
        JsonNode timing = chunks.get(chunks.size() - 1);
        assertThat(timing.path("choices").isEmpty()).isTrue();
        assertThat(timing.at("/mock_timing/tokens").asInt()).isEqualTo(64);
        String text = tokens.stream().map(c -> c.at("/choices/0/delta/content").asText())
                .reduce("", String::concat);
        assertThat(text.split(" ")).hasSize(64);
    }

    @Test
    void streamingWithoutIncludeUsageHasNoUsageChunk() {
        PlainClient.Stream s = client.stream("/v1/chat/completions",
                "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":3,"
                        + "\"ignore_eos\":true,\"stream\":true}");
        assertThat(s.chunks()).noneMatch(c -> c.has("usage"));
        assertThat(s.tokenNanos()).hasSize(3);
        assertThat(s.data()).last().isEqualTo("[DONE]");
    }

    @Test
    void completionsStreamingAndNot() {
        HttpResponse<String> r = client.post("/v1/completions",
                "{\"model\":\"m\",\"prompt\":\"one two three\",\"max_tokens\":12,\"ignore_eos\":true}");
        JsonNode body = PlainClient.json(r.body());
        assertThat(body.path("object").asText()).isEqualTo("text_completion");
        assertThat(body.at("/choices/0/text").asText().split(" ")).hasSize(12);
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(12);
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(3);

        PlainClient.Stream s = client.stream("/v1/completions", "{\"model\":\"m\",\"prompt\":\"one two three\","
                + "\"max_tokens\":12,\"ignore_eos\":true,\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        List<JsonNode> tokens = s.chunks().stream().filter(c -> !c.path("choices").isEmpty()).toList();
        assertThat(tokens).hasSize(12).allSatisfy(c -> assertThat(c.path("object").asText())
                .isEqualTo("text_completion"));
        String streamed = tokens.stream().map(c -> c.at("/choices/0/text").asText()).reduce("", String::concat);
        assertThat(streamed).isEqualTo(body.at("/choices/0/text").asText());
        assertThat(s.chunks()).anyMatch(c -> c.at("/usage/completion_tokens").asInt() == 12);
        assertThat(s.data()).last().isEqualTo("[DONE]");
    }

    @Test
    void maxCompletionTokensTakesPrecedence() {
        HttpResponse<String> r = client.post("/v1/chat/completions", "{\"model\":\"m\",\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"a b\"}],\"max_completion_tokens\":9,\"max_tokens\":50,\"ignore_eos\":true}");
        assertThat(PlainClient.json(r.body()).at("/usage/completion_tokens").asInt()).isEqualTo(9);
    }

    @Test
    void withoutMaxTokensTheLengthIsSeededWithinPointEightToOnePointTwoOfThePromptAtLeastSixteen() {
        String prompt = PlainClient.prompt(100);
        String body = "{\"model\":\"m\",\"prompt\":\"" + prompt + "\"}";
        JsonNode a = PlainClient.json(client.post("/v1/completions", body).body());
        JsonNode b = PlainClient.json(client.post("/v1/completions", body).body());
        int n = a.at("/usage/completion_tokens").asInt();
        assertThat(n).isBetween(80, 120);
        assertThat(a.at("/choices/0/text").asText()).isEqualTo(b.at("/choices/0/text").asText());
        assertThat(a.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        JsonNode shortPrompt = PlainClient.json(client.post("/v1/completions",
                "{\"model\":\"m\",\"prompt\":\"tiny\"}").body());
        assertThat(shortPrompt.at("/usage/completion_tokens").asInt()).isEqualTo(16);
    }

    @Test
    void textIsDeterministicUnderTheSeedAndDiffersAcrossSeeds() {
        String body = PlainClient.chat(12, 20, false);
        String here = PlainClient.json(client.post("/v1/chat/completions", body).body())
                .at("/choices/0/message/content").asText();
        try (MockServer same = MockServer.start(MockServerConfig.zeroLatency());
             MockServer other = MockServer.start(MockServerConfig.zeroLatency().withSeed(7))) {
            String sameText = PlainClient.json(new PlainClient(same.baseUrl()).post("/v1/chat/completions", body)
                    .body()).at("/choices/0/message/content").asText();
            String otherText = PlainClient.json(new PlainClient(other.baseUrl()).post("/v1/chat/completions", body)
                    .body()).at("/choices/0/message/content").asText();
            assertThat(sameText).isEqualTo(here);
            assertThat(otherText).isNotEqualTo(here);
        }
    }

    @Test
    void embeddingsModelsAndHealth() {
        JsonNode e = PlainClient.json(client.post("/v1/embeddings",
                "{\"model\":\"m\",\"input\":[\"a b c\",\"d\"]}").body());
        assertThat(e.path("data")).hasSize(2);
        JsonNode v = e.at("/data/0/embedding");
        double norm = 0;
        for (JsonNode x : v) {
            norm += x.asDouble() * x.asDouble();
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(e.at("/usage/prompt_tokens").asInt()).isEqualTo(4);
        assertThat(e.at("/data/1/index").asInt()).isEqualTo(1);

        JsonNode models = PlainClient.json(client.get("/v1/models").body());
        assertThat(models.at("/data/0/id").asText()).isEqualTo(MockServerConfig.DEFAULT_MODEL);
        HttpResponse<String> health = client.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(PlainClient.json(health.body()).path("status").asText()).isEqualTo("ok");
    }

    @ParameterizedTest(name = "{0} {1} -> {3} ({2})")
    @CsvSource(delimiter = '|', value = {
        "/v1/chat/completions|{bad json|''|400",
        "/v1/chat/completions|{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|model|400",
        "/v1/chat/completions|{\"model\":\"m\"}|messages|400",
        "/v1/chat/completions|{\"model\":\"m\",\"messages\":[]}|messages|400",
        "/v1/chat/completions|{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":-5}|max_tokens|400",
        "/v1/completions|{\"model\":\"m\"}|prompt|400",
        "/v1/completions|{\"model\":\"m\",\"prompt\":\"x\",\"max_completion_tokens\":-1}|max_completion_tokens|400",
        "/v1/completions|[1,2]|''|400",
        "/v1/embeddings|{\"model\":\"m\"}|input|400",
    })
    void badRequestsGetOpenAiStyleErrors(String path, String body, String param, int status) {
        HttpResponse<String> r = client.post(path, body);
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/json"));
        JsonNode error = PlainClient.json(r.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.has("code")).isTrue();
        if (param.isEmpty()) {
            assertThat(error.path("param").isNull()).isTrue();
        } else {
            assertThat(error.path("param").asText()).isEqualTo(param);
        }
    }

    @Test
    void unknownModelIs404WhenAModelListIsConfiguredAndUnknownPathsAre404() {
        try (MockServer listed = MockServer.start(MockServerConfig.zeroLatency().withModels(List.of("a", "b")))) {
            PlainClient c = new PlainClient(listed.baseUrl());
            HttpResponse<String> r = c.post("/v1/chat/completions", PlainClient.chat(3, 2, false)
                    .replace("mock-model", "zzz"));
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(PlainClient.json(r.body()).at("/error/code").asText()).isEqualTo("model_not_found");
            assertThat(c.post("/v1/chat/completions", PlainClient.chat(3, 2, false).replace("mock-model", "b"))
                    .statusCode()).isEqualTo(200);
            JsonNode models = PlainClient.json(c.get("/v1/models").body());
            assertThat(models.path("data")).hasSize(2);
            assertThat(c.get("/v1/nothing").statusCode()).isEqualTo(404);
            assertThat(c.get("/v1/chat/completions").statusCode()).isEqualTo(405);
        }
    }
}
