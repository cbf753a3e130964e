package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.aiperf.engine.api.model.ConfigException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses the value of a numeric flag: one number, or a comma list such as {@code 1,2,4} (a magic list). Every
 * entry must be numeric, in range and distinct, because each becomes a sweep cell named after its value.
 */
final class FlagValues {

    /** What a value must be. */
    enum Kind {
        /** A whole number >= 1. */
        COUNT,
        /** A whole number >= 0. */
        NON_NEGATIVE_COUNT,
        /** A number > 0, kept as a float (AIPerf's rates and durations are floats). */
        POSITIVE_REAL,
        /** A number >= 0, kept as a float. */
        NON_NEGATIVE_REAL
    }

    private FlagValues() {
    }

    /** One value or a comma list of them, in the order given. */
    static List<JsonNode> list(String flag, String value, Kind kind) {
        return parse(flag, value, kind, false);
    }

    /** Exactly one value, for flags that take no list. */
    static JsonNode single(String flag, String value, Kind kind) {
        return parse(flag, value, kind, true).get(0);
    }

    private static List<JsonNode> parse(String flag, String value, Kind kind, boolean scalarOnly) {
        String[] parts = value.split(",", -1);
        if (scalarOnly && parts.length > 1) {
            throw new ConfigException(flag, "takes a single value; got '" + value + "'");
        }
        List<JsonNode> out = new ArrayList<>();
        Set<Double> seen = new HashSet<>();
        for (String raw : parts) {
            String s = raw.trim();
            double d;
            try {
                d = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new ConfigException(flag, "'" + s + "' in '" + value + "' is not a number; write a number or a"
                        + " comma-separated list such as 1,2,4");
            }
            if (!Double.isFinite(d)) {
                throw new ConfigException(flag, "'" + s + "' is not a finite number (NaN and +/-inf are rejected)");
            }
            switch (kind) {
                case COUNT, NON_NEGATIVE_COUNT -> {
                    if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                        throw new ConfigException(flag, "'" + s + "' is not a whole number");
                    }
                    int min = kind == Kind.COUNT ? 1 : 0;
                    if (d < min) {
                        throw new ConfigException(flag, "values must be >= " + min + "; got " + s);
                    }
                    out.add(IntNode.valueOf((int) d));
                }
                default -> {
                    if (kind == Kind.POSITIVE_REAL ? d <= 0 : d < 0) {
                        throw new ConfigException(flag, "values must be " + (kind == Kind.POSITIVE_REAL ? "> 0" : ">= 0")
                                + "; got " + s);
                    }
                    out.add(DoubleNode.valueOf(d));
                }
            }
            if (!seen.add(d)) {
                throw new ConfigException(flag, "'" + value + "' repeats the value " + s + "; each value becomes one"
                        + " sweep cell with the same label and directory, so list each value once");
            }
        }
        return out;
    }
}
