package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Converts a config value node to the plain Java object Jackson would bind it to. */
final class PlainValue {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PlainValue() {
    }

    static Object of(JsonNode v) {
        return MAPPER.convertValue(v, Object.class);
    }
}
