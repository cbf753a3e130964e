package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Typed, checked reads of one YAML mapping, the only field reader of the config and sweep blocks. Every failed
 * read records a problem against the key's path in the shared {@link Problems} and returns {@code null}, so the
 * caller carries on and the user gets every problem of the file at once instead of one per run.
 *
 * <p>Reads are lax where AIPerf's (pydantic's) are: numeric strings are numbers, {@code "true"} is a boolean,
 * {@code 8.0} is the whole number 8. Non-finite numbers are always rejected.
 */
public final class Fields {
    private final ObjectNode node;
    private final String path;
    private final Problems problems;

    Fields(ObjectNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /**
     * Reads {@code value} at {@code path} as a mapping; a missing or null value is an empty mapping (every key
     * absent). Anything else records "expected a mapping" and returns {@code null}.
     */
    public static Fields of(JsonNode value, String path, Problems problems) {
        if (value == null || value.isNull()) {
            return new Fields(JsonNodeFactory.instance.objectNode(), path, problems);
        }
        if (!value.isObject()) {
            problems.add(path, "expected a mapping of keys to values; got " + describe(value));
            return null;
        }
        return new Fields((ObjectNode) value, path, problems);
    }

    /** The dotted path of this mapping, e.g. {@code sweep.dimensions[0]}. */
    public String path() {
        return path;
    }

    /** The dotted path of {@code key} in this mapping. */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The mapping itself, for callers that walk its keys. */
    public ObjectNode node() {
        return node;
    }

    /** The mapping under {@code key}: empty when absent, {@code null} when not a mapping (recorded). */
    public Fields mapping(String key) {
        return of(get(key), pathOf(key), problems);
    }

    /** Entry {@code index} of the list under {@code key}, read as a mapping; {@code null} when it is not one. */
    public Fields mapping(String key, int index) {
        return of(get(key).get(index), pathOf(key) + "[" + index + "]", problems);
    }

    /**
     * True once any read of this document recorded a problem: callers then skip building their result, whose
     * constructor would meet the nulls the failed reads returned.
     */
    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** Records {@code message} against {@code key} (or against this mapping when {@code key} is null). */
    public void error(String key, String message) {
        problems.add(key == null ? path : pathOf(key), message);
    }

    /** Records one problem per key not in {@code allowed}, suggesting the closest valid key. */
    public void allowOnly(Collection<String> allowed) {
        List<String> sorted = new ArrayList<>(allowed);
        sorted.sort(null);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                problems.add(pathOf(key), "unknown key '" + key + "'" + ClosestKey.hint(key, sorted));
            }
        }
    }

    /** True when {@code key} is present with a non-null value. */
    public boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    /** The value of {@code key}; {@code null} when absent or null. */
    public JsonNode get(String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    /** Any scalar as text; {@code null} when absent (or a mapping or list, which is recorded). */
    public String string(String key) {
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

    /** A string that must be given and not blank. */
    public String requiredString(String key) {
        String s = string(key);
        if (s == null || s.isBlank()) {
            if (s != null || !has(key)) {
                problems.add(pathOf(key), "is required and must not be blank");
            }
            return null;
        }
        return s;
    }

    /**
     * A string that must be one of {@code choices}; {@code dflt} when absent. {@code null} when absent without a
     * default or not a choice (recorded with the closest choice).
     */
    public String choice(String key, String dflt, Collection<String> choices) {
        if (!has(key)) {
            return dflt;
        }
        String s = string(key);
        if (s != null && !choices.contains(s)) {
            String c = ClosestKey.of(s, choices);
            problems.add(pathOf(key), "'" + s + "' is not one of " + choices
                    + (c == null ? "" : "; did you mean '" + c + "'?"));
            return null;
        }
        return s;
    }

    /** True or false (also as text); {@code null} when absent or not a boolean. */
    public Boolean bool(String key) {
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

    /** As {@link #bool(String)}, {@code dflt} when absent or bad (the bad value is recorded). */
    public boolean bool(String key, boolean dflt) {
        Boolean b = bool(key);
        return b == null ? dflt : b;
    }

    /** A finite number; numeric strings are accepted (as AIPerf's lax parsing does). */
    public Double number(String key) {
        JsonNode v = get(key);
        return v == null ? null : number(v, pathOf(key), problems);
    }

    /** A finite number that must be given. */
    public Double requiredNumber(String key) {
        if (!has(key)) {
            problems.add(pathOf(key), "is required");
            return null;
        }
        return number(key);
    }

    static Double number(JsonNode v, String path, Problems problems) {
        double d;
        if (v.isNumber()) {
            d = v.doubleValue();
        } else if (v.isTextual()) {
            String t = v.asText().trim().toLowerCase(Locale.ROOT).replaceFirst("^[+-]?\\.?", "");
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
    public Double number(String key, double min, boolean exclusive) {
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
    public Integer integer(String key, int min) {
        JsonNode v = get(key);
        if (v == null) {
            return null;
        }
        return integer(v, pathOf(key), min, Integer.MAX_VALUE, problems);
    }

    /**
     * A whole number in {@code [min, max]}, {@code dflt} when absent. The message always names both bounds, also
     * for an open upper bound of {@link Integer#MAX_VALUE}, as the sweep block's limits have always been worded.
     */
    public Integer intInRange(String key, Integer dflt, int min, int max) {
        JsonNode v = get(key);
        if (v == null) {
            return dflt;
        }
        Integer i = integer(v, pathOf(key), Integer.MIN_VALUE, Integer.MAX_VALUE, problems);
        if (i != null && (i < min || i > max)) {
            problems.add(pathOf(key), "must be between " + min + " and " + max + "; got " + i);
            return null;
        }
        return i;
    }

    /** A whole number of the full {@code long} range (seeds); {@code null} when absent or bad. */
    public Long wholeNumber(String key) {
        JsonNode v = get(key);
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue(); // exact, where a detour through double would round large seeds
        }
        Double d = number(v, pathOf(key), problems);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d) || Math.abs(d) >= 0x1p63) {
            problems.add(pathOf(key), "expected a whole number; got " + v.asText());
            return null;
        }
        return (long) (double) d;
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

    /** How a value reads in a message: "a mapping", "a list", a quoted string, or the scalar itself. */
    public static String describe(JsonNode v) {
        return v.isObject() ? "a mapping" : v.isArray() ? "a list" : v.isTextual() ? "'" + v.asText() + "'"
                : v.isBoolean() ? "boolean " + v.asText() : v.asText();
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
