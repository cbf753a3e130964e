package dev.aiperf.engine.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfidenceStats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * JSON building for the aggregate files, with their two rules: Java nulls are dropped, non-finite numbers
 * become JSON null. Output is pretty-printed with {@code \n} line ends on every platform, so the same input
 * writes the same bytes.
 */
final class AggregateJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private AggregateJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Puts a number; NaN and infinities become null. */
    static void number(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }

    /** Puts any plain value; a Java null is left out. */
    static void value(ObjectNode node, String key, Object v) {
        if (v != null) {
            node.set(key, toNode(v));
        }
    }

    static JsonNode toNode(Object v) {
        if (v instanceof Double d) {
            return Double.isFinite(d) ? MAPPER.getNodeFactory().numberNode(d) : MAPPER.getNodeFactory().nullNode();
        }
        if (v instanceof Float f) {
            return toNode(f.doubleValue());
        }
        if (v instanceof JsonNode n) {
            return n;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = object();
            m.forEach((k, x) -> value(o, String.valueOf(k), x));
            return o;
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = MAPPER.createArrayNode();
            c.forEach(x -> a.add(x == null ? MAPPER.getNodeFactory().nullNode() : toNode(x)));
            return a;
        }
        return MAPPER.valueToTree(v);
    }

    static ObjectNode stats(ConfidenceStats s, boolean withSeAndT) {
        ObjectNode o = object();
        number(o, "mean", s.mean());
        number(o, "std", s.std());
        number(o, "min", s.min());
        number(o, "max", s.max());
        number(o, "cv", s.cv());
        if (withSeAndT) {
            number(o, "se", s.se());
        }
        number(o, "ci_low", s.ciLow());
        number(o, "ci_high", s.ciHigh());
        if (withSeAndT) {
            number(o, "t_critical", s.tCritical());
        }
        value(o, "unit", s.unit());
        return o;
    }

    static String pretty(JsonNode node) {
        try {
            return MAPPER.writer(PRINTER).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String compact(Object value) {
        try {
            return MAPPER.writeValueAsString(toNode(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code text} to {@code file}, creating parent directories. */
    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
