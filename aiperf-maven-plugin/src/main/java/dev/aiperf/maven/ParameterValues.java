package dev.aiperf.maven;

import dev.aiperf.engine.api.model.ConfigException;

import java.util.Arrays;
import java.util.List;

/**
 * Reads the text of an {@code aiperf.*} parameter as the option it fills: blank is "not set", a comma list is a list,
 * numbers are checked here so that a mistake names the parameter ({@code aiperf.numProfileRuns: 'three' is not a
 * whole number}) rather than a flag the user never typed.
 */
final class ParameterValues {

    private ParameterValues() {
    }

    static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static Integer integer(String parameter, String value) {
        Long l = whole(parameter, value);
        if (l != null && (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE)) {
            throw new ConfigException("aiperf." + parameter, "'" + value + "' is out of range");
        }
        return l == null ? null : l.intValue();
    }

    static Long whole(String parameter, String value) {
        String v = text(value);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ConfigException("aiperf." + parameter, "'" + v + "' is not a whole number; set the aiperf.*"
                    + " parameter to e.g. 3");
        }
    }

    static Double real(String parameter, String value) {
        String v = text(value);
        if (v == null) {
            return null;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new ConfigException("aiperf." + parameter, "'" + v + "' is not a number; set the aiperf.*"
                    + " parameter to e.g. 0.5");
        }
    }
}
