package dev.aiperf.engine.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Plain Java values (numbers, strings, booleans, lists, maps) as they travel between {@code variation_values}
 * and the aggregates: conversion from JSON, a canonical text form for grouping, and Python-like ordering for
 * the sorted outputs.
 */
final class JsonValues {
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private JsonValues() {
    }

    static Object toJava(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.asLong() : n.bigIntegerValue();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isTextual()) {
            return n.asText();
        }
        return CANONICAL.convertValue(n, Object.class);
    }

    /** Sorted-key JSON of a value: equal values (maps in any order) give equal text. */
    static String canonical(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** Numbers numerically, then everything else by canonical text; numbers sort before text. */
    static final Comparator<Object> ORDER = (a, b) -> {
        boolean na = a instanceof Number;
        boolean nb = b instanceof Number;
        if (na && nb) {
            return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        if (na != nb) {
            return na ? -1 : 1;
        }
        return canonical(a).compareTo(canonical(b));
    };

    /** Orders parameter dicts by their items sorted by name, as Python compares sorted item tuples. */
    static int compareParameters(Map<String, Object> a, Map<String, Object> b) {
        List<String> ka = a.keySet().stream().sorted().toList();
        List<String> kb = b.keySet().stream().sorted().toList();
        for (int i = 0; i < Math.min(ka.size(), kb.size()); i++) {
            int c = ka.get(i).compareTo(kb.get(i));
            if (c != 0) {
                return c;
            }
            c = ORDER.compare(a.get(ka.get(i)), b.get(kb.get(i)));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ka.size(), kb.size());
    }
}
