package dev.aiperf.engine.config;

import java.util.Locale;

/** OpenAI-compatible endpoint kinds and the path each appends to a base URL. */
public enum EndpointType {
    CHAT("chat", "/v1/chat/completions"),
    COMPLETIONS("completions", "/v1/completions"),
    EMBEDDINGS("embeddings", "/v1/embeddings");

    private final String yamlName;
    private final String defaultPath;

    EndpointType(String yamlName, String defaultPath) {
        this.yamlName = yamlName;
        this.defaultPath = defaultPath;
    }

    /** The spelling used in YAML and on the command line ({@code chat}, {@code completions}, {@code embeddings}). */
    public String yamlName() {
        return yamlName;
    }

    public String defaultPath() {
        return defaultPath;
    }

    /** Parses the YAML/CLI spelling, case-insensitively; {@code null} if unknown. */
    public static EndpointType fromName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (EndpointType t : values()) {
            if (t.yamlName.equals(n)) {
                return t;
            }
        }
        return null;
    }
}
