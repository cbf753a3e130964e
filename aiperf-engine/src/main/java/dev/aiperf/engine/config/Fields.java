package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Typed, checked reads of one YAML mapping. Every failed read records a problem against the key's path and
 * returns {@code null}, so binding carries on and reports all problems at once.
 */
final class Fields {
    private final ObjectNode node;
    private final String path;
    private final Problems problems;

    Fields(ObjectNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** Reads {@code value} at {@code path} as a mapping, or records "expected a mapping" and returns null. */
    static Fields of(JsonNode value, String path, Problems problems) {
        if (value == null || value.isNull()) {
            return new Fields(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), path, problems);
        }
        if (!value.isObject()) {
            problems.add(path, "expected a mapping of keys to values; got " + describe(value));
            return null;
        }
        return new Fields((ObjectNode) value, path, problems);
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Problems problems() {
        return problems;
    }

    ObjectNode node() {
        return node;
    }

    /** Records one problem per key not in {@code allowed}, suggesting the closest valid key. */
    void allowOnly(Set<String> allowed) {
        List<String> sorted = new ArrayList<>(allowed);
        sorted.sort(null);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                problems.add(pathOf(key), "unknown key '" + key + "'" + ClosestKey.hint(key, sorted));
            }
        }
    }

    boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    JsonNode get(String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    String string(String key) {
        JsonNode v = get(key);
        if (v == null) {
            return null;
        }
        if (v.isContainerNode()) {
            problems.add(pathOf(key), "expected a string; got " + describe(v));
            return null;
        }
        return v.asText();
    }

    Boolean bool(String key) {
        JsonNode v = get(key);
        if (v == null) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(v.asText());
        }
        problems.add(pathOf(key), "expected true or false; got " + describe(v));
        return null;
    }

    boolean bool(String key, boolean dflt) {
        Boolean b = bool(key);
        return b == null ? dflt : b;
    }

    /** A finite number; numeric strings are accepted (as AIPerf's lax parsing does). */
    Double number(String key) {
        JsonNode v = get(key);
        return v == null ? null : number(v, pathOf(key), problems);
    }

    static Double number(JsonNode v, String path, Problems problems) {
        double d;
        if (v.isNumber()) {
            d = v.doubleValue();
        } else if (v.isTextual()) {
            String t = v.asText().trim().toLowerCase(java.util.Locale.ROOT).replaceFirst("^[+-]?\\.?", "");
            if (t.equals("nan") || t.equals("inf") || t.equals("infinity")) {
                problems.add(path, "must be a finite number (NaN and +/-inf are rejected); got " + v.asText());
                return null;
            }
            try {
                d = Double.parseDouble(v.asText().trim());
            } catch (NumberFormatException e) {
                problems.add(path, "expected a number; got " + describe(v));
                return null;
            }
        } else {
            problems.add(path, "expected a number; got " + describe(v));
            return null;
        }
        if (!Double.isFinite(d)) {
            problems.add(path, "must be a finite number (NaN and +/-inf are rejected); got " + v.asText());
            return null;
        }
        return d;
    }

    /** A number that must be {@code >= min} (or {@code > min} when {@code exclusive}). */
    Double number(String key, double min, boolean exclusive) {
        Double d = number(key);
        if (d == null) {
            return null;
        }
        if (exclusive ? d <= min : d < min) {
            problems.add(pathOf(key), "must be " + (exclusive ? "> " : ">= ") + fmt(min) + "; got " + fmt(d));
            return null;
        }
        return d;
    }

    /** A whole number {@code >= min}; {@code 8.0} is accepted as 8. */
    Integer integer(String key, int min) {
        JsonNode v = get(key);
        if (v == null) {
            return null;
        }
        return integer(v, pathOf(key), min, Integer.MAX_VALUE, problems);
    }

    static Integer integer(JsonNode v, String path, int min, int max, Problems problems) {
        Double d = number(v, path, problems);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            problems.add(path, "expected a whole number; got " + v.asText());
            return null;
        }
        int i = (int) Math.round(d);
        if (i < min || i > max) {
            problems.add(path, max == Integer.MAX_VALUE
                    ? "must be >= " + min + "; got " + i
                    : "must be between " + min + " and " + max + "; got " + i);
            return null;
        }
        return i;
    }

    static String describe(JsonNode v) {
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isTextual()) {
            return "'" + v.asText() + "'";
        }
        if (v.isBoolean()) {
            return "boolean " + v.asText();
        }
        return v.asText();
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
