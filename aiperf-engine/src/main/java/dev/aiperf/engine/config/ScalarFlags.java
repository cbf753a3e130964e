package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.ProfileOptions;

import java.util.Locale;

/** The flags that each set one value of the tree: models, the endpoint's settings, tokenizer, artifacts, seed. */
final class ScalarFlags {
    private ScalarFlags() {
    }

    /** Sets the scalar flags given in {@code o} into the canonical {@code body} (and the seed into {@code env}). */
    static void apply(ProfileOptions o, ObjectNode env, ObjectNode body) {
        if (o.models() != null && !o.models().isEmpty()) {
            ArrayNode models = body.putArray("models");
            o.models().stream().map(String::trim).filter(m -> !m.isEmpty()).forEach(models::add);
        }
        if (o.urls() != null && !o.urls().isEmpty()) {
            ObjectNode endpoint = FlagOverrides.mapping(body, "endpoint");
            endpoint.remove("url");
            ArrayNode urls = endpoint.putArray("urls");
            o.urls().forEach(urls::add);
        }
        if (o.endpointType() != null) {
            FlagOverrides.mapping(body, "endpoint").put("type", o.endpointType().trim().toLowerCase(Locale.ROOT));
        }
        if (o.streaming() != null) {
            FlagOverrides.mapping(body, "endpoint").put("streaming", o.streaming());
        }
        if (o.http2() != null) {
            FlagOverrides.mapping(body, "endpoint").put("http2", o.http2());
        }
        if (o.apiKey() != null) {
            FlagOverrides.mapping(body, "endpoint").put("api_key", o.apiKey());
        }
        if (o.headers() != null) {
            ObjectNode headers = FlagOverrides.mapping(FlagOverrides.mapping(body, "endpoint"), "headers");
            for (String h : o.headers()) {
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    throw new ConfigException("--header", "'" + h + "' is not KEY:VALUE, e.g. --header X-Team:infra");
                }
                headers.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
            }
        }
        if (o.requestTimeoutSeconds() != null) {
            FlagOverrides.mapping(body, "endpoint").put("timeout", o.requestTimeoutSeconds());
        }
        if (o.useServerTokenCount() != null) {
            FlagOverrides.mapping(body, "endpoint").put("use_server_token_count", o.useServerTokenCount());
        }
        if (o.tokenizer() != null) {
            body.put("tokenizer", o.tokenizer());
        }
        if (o.artifactDir() != null) {
            FlagOverrides.mapping(body, "artifacts").put("dir", o.artifactDir().toString());
        }
        if (o.randomSeed() != null) {
            if (o.randomSeed() < 0) {
                throw new ConfigException("--random-seed", "must be >= 0; got " + o.randomSeed());
            }
            env.put("random_seed", o.randomSeed());
        }
    }
}
