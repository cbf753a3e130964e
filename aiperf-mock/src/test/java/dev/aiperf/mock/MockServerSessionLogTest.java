package dev.aiperf.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The session log over HTTP: what a conversation sent, how a session is named, the endpoints and the bounds. */
class MockServerSessionLogTest {

    /** A chat body with these (role, content) messages. */
    static String chat(List<LoggedRequest.Message> messages, int maxTokens, boolean stream, String user) {
        ObjectNode body = PlainClient.JSON.createObjectNode().put("model", "mock-model")
                .put("max_tokens", maxTokens).put("ignore_eos", true).put("stream", stream);
        if (stream) {
            body.putObject("stream_options").put("include_usage", true);
        }
        if (user != null) {
            body.put("user", user);
        }
        ArrayNode array = body.putArray("messages");
        for (LoggedRequest.Message m : messages) {
            array.addObject().put("role", m.role()).put("content", m.content());
        }
        return body.toString();
    }

    private static LoggedRequest.Message msg(String role, String content) {
        return new LoggedRequest.Message(role, content);
    }

    @Test
    void aThreeTurnConversationsLogHoldsEveryTurnAndTheAnswersItWasGiven() {
        try (MockServer server = MockServer.start(MockServerConfig.fast())) {
            PlainClient client = new PlainClient(server.baseUrl());
            List<LoggedRequest.Message> history = new ArrayList<>();
            List<List<LoggedRequest.Message>> sent = new ArrayList<>();
            for (String turn : List.of("tell me a story", "make it shorter", "now in French please")) {
                history.add(msg("user", turn));
                sent.add(List.copyOf(history));
                HttpResponse<String> r = client.post("/v1/chat/completions", chat(history, 5, false, null),
                        "X-Session-ID", "conv-1");
                assertThat(r.statusCode()).isEqualTo(200);
                history.add(msg("assistant",
                        PlainClient.json(r.body()).at("/choices/0/message/content").asText()));
            }
            // A request without a session is not logged.
            client.post("/v1/chat/completions", PlainClient.chat(4, 2, false));

            assertThat(server.sessionLog().sessions()).containsExactly("conv-1");
            List<LoggedRequest> logged = server.sessionLog().requests("conv-1");
            assertThat(logged).extracting(LoggedRequest::messages).containsExactlyElementsOf(sent);
            LoggedRequest third = logged.get(2);
            assertThat(third.messages()).hasSize(5);
            assertThat(third.messages().get(1).role()).isEqualTo("assistant");
            assertThat(third.messages().get(3)).isEqualTo(history.get(3));
            assertThat(third.promptTokens()).isEqualTo(4 + 5 + 3 + 5 + 4);
            assertThat(logged.get(0).arrivalNanos()).isLessThan(logged.get(1).arrivalNanos());
            assertThat(logged.get(1).arrivalNanos()).isLessThan(third.arrivalNanos());
            assertThat(logged).allSatisfy(r -> assertThat(r.cachedTokens()).isZero()); // no prefix cache by default
        }
    }

    @Test
    void theHeaderNamesTheSessionElseTheUserFieldAndTextPromptsAreLoggedToo() {
        try (MockServer server = MockServer.start(MockServerConfig.zeroLatency())) {
            PlainClient client = new PlainClient(server.baseUrl());
            client.post("/v1/chat/completions", chat(List.of(msg("user", "hi")), 2, false, "alice"));
            client.post("/v1/chat/completions", chat(List.of(msg("user", "hey")), 2, false, "alice"),
                    "X-Session-ID", "s-7");
            client.stream("/v1/chat/completions", chat(List.of(msg("system", "be brief"), msg("user", "yo")), 2,
                    true, null), "x-session-id", "s-7");
            client.post("/v1/completions", "{\"model\":\"m\",\"prompt\":\"once upon\",\"max_tokens\":2,"
                    + "\"user\":\"bob\"}");
            client.post("/v1/completions", "{\"model\":\"m\",\"prompt\":[1,2,3],\"max_tokens\":2,\"user\":\"bob\"}");

            SessionLog log = server.sessionLog();
            assertThat(log.sessions()).containsExactly("alice", "s-7", "bob");
            assertThat(log.requests("alice")).extracting(r -> r.messages()).containsExactly(List.of(msg("user", "hi")));
            assertThat(log.requests("s-7").get(1).messages())
                    .containsExactly(msg("system", "be brief"), msg("user", "yo"));
            assertThat(log.requests("bob")).extracting(r -> r.messages()).containsExactly(
                    List.of(msg("prompt", "once upon")), List.of(msg("prompt", "1 2 3")));
            assertThat(log.requests("bob").get(1).promptTokens()).isEqualTo(3);
        }
    }

    @Test
    void theEndpointsListSessionsAndShowOne() {
        try (MockServer server = MockServer.start(MockServerConfig.zeroLatency())) {
            PlainClient client = new PlainClient(server.baseUrl());
            client.post("/v1/chat/completions", chat(List.of(msg("user", "first words")), 2, false, null),
                    "X-Session-ID", "conv a");
            client.post("/v1/chat/completions", chat(List.of(msg("user", "other")), 2, false, "b"));

            HttpResponse<String> list = client.get("/mock/sessions");
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.headers().firstValue("content-type")).hasValue("application/json");
            JsonNode ids = PlainClient.json(list.body());
            assertThat(ids.path("sessions").toString()).isEqualTo("[\"conv a\",\"b\"]");
            assertThat(ids.path("dropped_sessions").asLong()).isZero();
            assertThat(ids.path("dropped_requests").asLong()).isZero();

            HttpResponse<String> one = client.get("/mock/sessions/conv%20a");
            assertThat(one.statusCode()).isEqualTo(200);
            JsonNode session = PlainClient.json(one.body());
            assertThat(session.path("session_id").asText()).isEqualTo("conv a");
            JsonNode request = session.path("requests").get(0);
            assertThat(request.path("prompt_tokens").asInt()).isEqualTo(2);
            assertThat(request.path("cached_tokens").asInt()).isZero();
            assertThat(request.path("arrival_nanos").asLong())
                    .isEqualTo(server.sessionLog().requests("conv a").get(0).arrivalNanos());
            assertThat(request.path("messages").toString())
                    .isEqualTo("[{\"role\":\"user\",\"content\":\"first words\"}]");

            HttpResponse<String> unknown = client.get("/mock/sessions/nobody");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(PlainClient.json(unknown.body()).at("/error/message").asText()).contains("nobody");
            assertThat(client.post("/mock/sessions", "{}").statusCode()).isEqualTo(405);

            server.sessionLog().clear();
            assertThat(PlainClient.json(client.get("/mock/sessions").body()).path("sessions").isEmpty()).isTrue();
        }
    }

    @Test
    void theLogIsBoundedAsConfiguredAndCanBeTurnedOff() {
        try (MockServer server = MockServer.start(MockServerConfig.zeroLatency()
                .withSessionLog(new SessionLogConfig(2, 2, 1_000_000)))) {
            PlainClient client = new PlainClient(server.baseUrl());
            for (String session : List.of("a", "a", "a", "b", "c")) {
                client.post("/v1/chat/completions", chat(List.of(msg("user", "w")), 1, false, session));
            }
            assertThat(server.sessionLog().sessions()).containsExactly("b", "c");
            assertThat(server.sessionLog().droppedSessions()).isEqualTo(1);
            assertThat(server.sessionLog().droppedRequests()).isEqualTo(3); // a's oldest, then a's other two
            JsonNode ids = PlainClient.json(client.get("/mock/sessions").body());
            assertThat(ids.path("dropped_requests").asLong()).isEqualTo(3);
        }
        try (MockServer server = MockServer.start(MockServerConfig.zeroLatency()
                .withSessionLog(SessionLogConfig.off()))) {
            new PlainClient(server.baseUrl()).post("/v1/chat/completions",
                    chat(List.of(msg("user", "w")), 1, false, "a"));
            assertThat(server.sessionLog().sessions()).isEmpty();
        }
    }
}
