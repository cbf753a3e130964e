package dev.aiperf.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** The JSON bodies of {@code GET /mock/sessions} and {@code GET /mock/sessions/{id}}. */
final class SessionLogJson {
    private final SessionLog log;
    private final ObjectMapper json;

    SessionLogJson(SessionLog log, ObjectMapper json) {
        this.log = log;
        this.json = json;
    }

    /** {@code {"sessions":[ids in first-seen order],"dropped_sessions":n,"dropped_requests":n}}. */
    String sessions() {
        ObjectNode root = json.createObjectNode();
        ArrayNode ids = root.putArray("sessions");
        log.sessions().forEach(ids::add);
        root.put("dropped_sessions", log.droppedSessions());
        root.put("dropped_requests", log.droppedRequests());
        return write(root);
    }

    /**
     * {@code {"session_id":…,"dropped_requests":n,"requests":[{"arrival_nanos":…,"prompt_tokens":…,
     * "cached_tokens":…,"messages":[{"role":…,"content":…}]}]}}, or null for a session not in the log.
     */
    String session(String id) {
        List<LoggedRequest> requests = log.requests(id);
        if (requests.isEmpty()) {
            return null;
        }
        ObjectNode root = json.createObjectNode();
        root.put("session_id", id);
        root.put("dropped_requests", log.droppedRequests(id));
        ArrayNode out = root.putArray("requests");
        for (LoggedRequest r : requests) {
            ObjectNode o = out.addObject();
            o.put("arrival_nanos", r.arrivalNanos());
            o.put("prompt_tokens", r.promptTokens());
            o.put("cached_tokens", r.cachedTokens());
            ArrayNode messages = o.putArray("messages");
            for (LoggedRequest.Message m : r.messages()) {
                messages.addObject().put("role", m.role()).put("content", m.content());
            }
        }
        return write(root);
    }

    private String write(ObjectNode root) {
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
