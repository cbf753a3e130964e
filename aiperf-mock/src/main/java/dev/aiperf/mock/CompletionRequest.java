package dev.aiperf.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * A validated chat or text completion request: what the server needs to answer it.
 *
 * @param chat         true for {@code /v1/chat/completions}, false for {@code /v1/completions}
 * @param promptKey    the prompt text, keying the deterministic answer
 * @param promptTokens prompt length in tokens (words; ints when the prompt is token ids)
 * @param maxTokens    {@code max_completion_tokens} or {@code max_tokens}, or null
 * @param user         the OpenAI {@code user} field, or null
 * @param messages     what the session log records: the chat messages, or the prompt (role {@code "prompt"})
 */
record CompletionRequest(boolean chat, String model, boolean stream, boolean includeUsage, String promptKey,
                         int promptTokens, Integer maxTokens, boolean ignoreEos, String user,
                         List<LoggedRequest.Message> messages) {

    /** Parses and validates a body the way an OpenAI-compatible server would; throws a 400/404 otherwise. */
    static CompletionRequest parse(ObjectMapper json, byte[] body, boolean chat, List<String> models)
            throws MockRequestException {
        JsonNode root = parseObject(json, body);
        String model = requireModel(root, models);
        StringBuilder prompt = new StringBuilder();
        List<LoggedRequest.Message> logged = new ArrayList<>();
        int tokens;
        if (chat) {
            JsonNode messages = root.get("messages");
            if (messages == null || messages.isNull()) {
                throw MockRequestException.invalid("you must provide a 'messages' parameter", "messages",
                        "missing_required_parameter");
            }
            if (!messages.isArray() || messages.isEmpty()) {
                throw MockRequestException.invalid("'messages' must be a non-empty array of messages", "messages",
                        "invalid_type");
            }
            for (JsonNode m : messages) {
                if (!m.isObject() || !m.path("role").isTextual()) {
                    throw MockRequestException.invalid("each message needs a 'role' string", "messages",
                            "invalid_type");
                }
                String text = contentText(m.get("content"));
                if (text != null) {
                    prompt.append(text).append(' ');
                }
                logged.add(new LoggedRequest.Message(m.get("role").asText(), text == null ? "" : text));
            }
            tokens = TextGenerator.countTokens(prompt);
        } else {
            JsonNode p = root.get("prompt");
            if (p == null || p.isNull()) {
                throw MockRequestException.invalid("you must provide a 'prompt' parameter", "prompt",
                        "missing_required_parameter");
            }
            tokens = promptTokens(p, prompt, logged);
        }
        Integer maxTokens = maxTokens(root, "max_completion_tokens");
        if (maxTokens == null) {
            maxTokens = maxTokens(root, "max_tokens");
        }
        boolean stream = bool(root, "stream");
        boolean includeUsage = stream && root.path("stream_options").path("include_usage").asBoolean(false);
        JsonNode user = root.get("user");
        return new CompletionRequest(chat, model, stream, includeUsage, prompt.toString(), Math.max(1, tokens),
                maxTokens, bool(root, "ignore_eos"),
                user != null && user.isTextual() && !user.asText().isEmpty() ? user.asText() : null, logged);
    }

    static JsonNode parseObject(ObjectMapper json, byte[] body) throws MockRequestException {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw MockRequestException.invalid("the request body is not valid JSON: "
                    + e.getOriginalMessage(), null, "invalid_json");
        } catch (java.io.IOException e) {
            throw MockRequestException.invalid("the request body could not be read: " + e.getMessage(), null,
                    "invalid_json");
        }
        if (root == null || !root.isObject()) {
            throw MockRequestException.invalid("the request body must be a JSON object", null, "invalid_json");
        }
        return root;
    }

    static String requireModel(JsonNode root, List<String> models) throws MockRequestException {
        JsonNode m = root.get("model");
        if (m == null || m.isNull()) {
            throw MockRequestException.invalid("you must provide a 'model' parameter", "model",
                    "missing_required_parameter");
        }
        if (!m.isTextual() || m.asText().isEmpty()) {
            throw MockRequestException.invalid("'model' must be a non-empty string", "model", "invalid_type");
        }
        String model = m.asText();
        if (!models.isEmpty() && !models.contains(model)) {
            throw new MockRequestException(404, "invalid_request_error", "The model '" + model
                    + "' does not exist; this server serves " + models, "model", "model_not_found");
        }
        return model;
    }

    /** A message's text: the string, or its text parts joined by a space; null when it has no text at all. */
    private static String contentText(JsonNode content) {
        if (content == null || content.isNull()) {
            return null;
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder parts = null;
            for (JsonNode part : content) {
                if (part.path("text").isTextual()) {
                    parts = parts == null ? new StringBuilder() : parts.append(' ');
                    parts.append(part.path("text").asText());
                }
            }
            return parts == null ? null : parts.toString();
        }
        return null;
    }

    private static int promptTokens(JsonNode p, StringBuilder prompt, List<LoggedRequest.Message> logged)
            throws MockRequestException {
        if (p.isTextual()) {
            prompt.append(p.asText());
            logged.add(new LoggedRequest.Message("prompt", p.asText()));
            return TextGenerator.countTokens(prompt);
        }
        if (p.isArray() && !p.isEmpty()) {
            StringBuilder ids = new StringBuilder();
            for (JsonNode e : p) {
                if (e.isTextual()) {
                    prompt.append(e.asText()).append(' ');
                    logged.add(new LoggedRequest.Message("prompt", e.asText()));
                } else if (e.isInt()) {
                    prompt.append(e.asInt()).append(' ');
                    ids.append(ids.isEmpty() ? "" : " ").append(e.asInt());
                } else {
                    throw MockRequestException.invalid("'prompt' must be a string, a list of strings or a list of"
                            + " token ids", "prompt", "invalid_type");
                }
            }
            if (!ids.isEmpty()) {
                logged.add(new LoggedRequest.Message("prompt", ids.toString()));
            }
            return TextGenerator.countTokens(prompt);
        }
        throw MockRequestException.invalid("'prompt' must be a non-empty string, list of strings or list of token"
                + " ids", "prompt", "invalid_type");
    }

    private static Integer maxTokens(JsonNode root, String field) throws MockRequestException {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            throw MockRequestException.invalid("'" + field + "' must be an integer; got " + n, field,
                    "invalid_type");
        }
        int v = n.asInt();
        if (v < 1) {
            throw MockRequestException.invalid("'" + field + "' must be at least 1; got " + v, field,
                    "invalid_value");
        }
        return v;
    }

    private static boolean bool(JsonNode root, String field) {
        return root.path(field).asBoolean(false);
    }
}
