package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.config.ClosestKey;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.SourceLines;

import java.util.Collection;
import java.util.Iterator;

/** Typed, located reads of one YAML mapping of the sweep block; every failure names the path and the fix. */
final class YamlFields {
    final ObjectNode node;
    final String where;
    private final SourceLines lines;

    private YamlFields(ObjectNode node, String where, SourceLines lines) {
        this.node = node;
        this.where = where;
        this.lines = lines;
    }

    static YamlFields of(JsonNode node, String where, SourceLines lines) {
        if (!(node instanceof ObjectNode obj)) {
            throw new ConfigException(where, lines.lineOf(where), "must be a mapping (key: value), got "
                    + kind(node));
        }
        return new YamlFields(obj, where, lines);
    }

    ConfigException error(String key, String message) {
        String p = key == null ? where : where + "." + key;
        return new ConfigException(p, lines.lineOf(p), message);
    }

    void allowOnly(Collection<String> allowed) {
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw error(k, ClosestKey.unknownKeyMessage(k, allowed));
            }
        }
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    JsonNode get(String key) {
        return node.get(key);
    }

    String string(String key, String dflt) {
        if (!has(key)) {
            return dflt;
        }
        JsonNode v = node.get(key);
        if (!v.isTextual()) {
            throw error(key, "must be a string, got " + kind(v));
        }
        return v.asText();
    }

    String requiredString(String key) {
        String s = string(key, null);
        if (s == null || s.isBlank()) {
            throw error(key, "is required and must not be blank");
        }
        return s;
    }

    /** A string that must be one of {@code choices}. */
    String choice(String key, String dflt, Collection<String> choices) {
        String s = string(key, dflt);
        if (s != null && !choices.contains(s)) {
            String c = ClosestKey.of(s, choices);
            throw error(key, "'" + s + "' is not one of " + choices + (c == null ? "" : "; did you mean '" + c + "'?"));
        }
        return s;
    }

    Double number(String key, Double dflt) {
        if (!has(key)) {
            return dflt;
        }
        JsonNode v = node.get(key);
        if (!v.isNumber()) {
            throw error(key, "must be a number, got " + kind(v));
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw error(key, "must be a finite number; NaN and +/-inf are rejected");
        }
        return d;
    }

    double requiredNumber(String key) {
        Double d = number(key, null);
        if (d == null) {
            throw error(key, "is required");
        }
        return d;
    }

    Long integer(String key, Long dflt) {
        if (!has(key)) {
            return dflt;
        }
        JsonNode v = node.get(key);
        if (!v.isIntegralNumber() && !(v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue())
                && Double.isFinite(v.doubleValue()))) {
            throw error(key, "must be an integer, got " + (v.isNumber() ? v.asText() : kind(v)));
        }
        return v.longValue();
    }

    long intInRange(String key, long dflt, long min, long max) {
        long v = integer(key, dflt);
        if (v < min || v > max) {
            throw error(key, "must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }

    boolean bool(String key, boolean dflt) {
        if (!has(key)) {
            return dflt;
        }
        JsonNode v = node.get(key);
        if (!v.isBoolean()) {
            throw error(key, "must be true or false, got " + kind(v));
        }
        return v.asBoolean();
    }

    static String kind(JsonNode n) {
        if (n == null || n.isNull()) {
            return "nothing";
        }
        if (n.isObject()) {
            return "a mapping";
        }
        if (n.isArray()) {
            return "a list";
        }
        if (n.isTextual()) {
            return "the string '" + n.asText() + "'";
        }
        return n.asText();
    }
}
