package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Binds a length or turn-count distribution, detecting its kind from its keys as AIPerf does: a scalar or
 * {@code {value}} is fixed, {@code {mean, stddev}} normal, {@code {mean, median}} lognormal,
 * {@code {points: [{value, weight}]}} empirical, {@code {peaks: [{weight, ...}]}} a mixture. An optional
 * {@code type:} (fixed, normal, lognormal, empirical, mixture) must agree with the keys.
 */
final class DistributionBinder {
    static final Set<String> KEYS = Set.of("type", "value", "mean", "stddev", "median", "points", "peaks");
    private static final List<String> TYPES = List.of("fixed", "normal", "lognormal", "empirical", "mixture");

    private DistributionBinder() {
    }

    /** The distribution at {@code path}, whose values must be at least {@code min}; null (problem recorded) if bad. */
    static Distribution bind(JsonNode v, String path, Problems problems, double min) {
        if (v.isNumber() || v.isTextual()) {
            Double d = Fields.number(v, path, problems);
            return d == null ? null : fixed(d, path, problems, min);
        }
        Fields f = Fields.of(v, path, problems);
        if (f == null) {
            return null;
        }
        f.allowOnly(KEYS);
        String type = f.string("type");
        if (type != null && !TYPES.contains(type)) {
            problems.add(f.pathOf("type"), "unknown distribution type '" + type + "'" + ClosestKey.hintValue(type, TYPES));
            return null;
        }
        String detected = detect(f);
        if (detected == null) {
            problems.add(path, "cannot tell the distribution from its keys; use a number, {value}, {mean, stddev},"
                    + " {mean, median}, {points: [{value, weight}]} or {peaks: [...]}");
            return null;
        }
        if (type != null && !type.equals(detected) && !(type.equals("normal") && detected.equals("fixed"))) {
            problems.add(path, "type: " + type + " does not match the keys given (they describe a " + detected
                    + " distribution); " + expectedKeys(type));
            return null;
        }
        return switch (detected) {
            case "mixture" -> mixture(f, problems, min);
            case "empirical" -> empirical(f, problems, min);
            case "lognormal" -> lognormal(f, problems, min);
            case "normal" -> normal(f, problems, min);
            default -> {
                Double value = f.has("value") ? f.number("value") : f.number("mean");
                yield value == null ? null : fixed(value, f.pathOf(f.has("value") ? "value" : "mean"), problems, min);
            }
        };
    }

    private static String detect(Fields f) {
        int kinds = (f.has("peaks") ? 1 : 0) + (f.has("points") ? 1 : 0) + (f.has("value") ? 1 : 0)
                + (f.has("mean") || f.has("median") || f.has("stddev") ? 1 : 0);
        if (kinds != 1) {
            return null;
        }
        if (f.has("peaks")) {
            return "mixture";
        }
        if (f.has("points")) {
            return "empirical";
        }
        if (f.has("value")) {
            return "fixed";
        }
        if (!f.has("mean")) {
            return null;
        }
        if (f.has("median")) {
            return f.has("stddev") ? null : "lognormal";
        }
        Double sd = f.has("stddev") ? f.number("stddev") : Double.valueOf(0);
        return sd != null && sd != 0 ? "normal" : "fixed";
    }

    private static String expectedKeys(String type) {
        return switch (type) {
            case "fixed" -> "a fixed distribution takes {value: N} (or just N)";
            case "normal" -> "a normal distribution takes {mean, stddev}";
            case "lognormal" -> "a lognormal distribution takes {mean, median} with median <= mean";
            case "empirical" -> "an empirical distribution takes {points: [{value, weight}, ...]}";
            default -> "a mixture takes {peaks: [{weight, mean, stddev}, ...]} with at least two peaks";
        };
    }

    private static Distribution fixed(double value, String path, Problems problems, double min) {
        if (value < min) {
            problems.add(path, "must be >= " + Fields.fmt(min) + "; got " + Fields.fmt(value));
            return null;
        }
        return new Distribution.Fixed(value);
    }

    private static Distribution normal(Fields f, Problems problems, double min) {
        Double mean = f.number("mean");
        Double sd = f.number("stddev", 0, false);
        if (mean == null || sd == null) {
            return null;
        }
        if (mean < min) {
            problems.add(f.pathOf("mean"), "must be >= " + Fields.fmt(min) + "; got " + Fields.fmt(mean));
            return null;
        }
        return new Distribution.Normal(mean, sd);
    }

    private static Distribution lognormal(Fields f, Problems problems, double min) {
        Double mean = f.number("mean");
        Double median = f.number("median", 0, true);
        if (mean == null || median == null) {
            return null;
        }
        if (median > mean) {
            problems.add(f.pathOf("median"), "a lognormal needs median <= mean; got median " + Fields.fmt(median)
                    + " > mean " + Fields.fmt(mean));
            return null;
        }
        if (mean < min) {
            problems.add(f.pathOf("mean"), "must be >= " + Fields.fmt(min) + "; got " + Fields.fmt(mean));
            return null;
        }
        return new Distribution.LogNormal(mean, median);
    }

    private static Distribution empirical(Fields f, Problems problems, double min) {
        JsonNode pts = f.get("points");
        String path = f.pathOf("points");
        if (!pts.isArray() || pts.isEmpty()) {
            problems.add(path, "expected a non-empty list of {value, weight}");
            return null;
        }
        List<Distribution.Point> points = new ArrayList<>();
        for (int i = 0; i < pts.size(); i++) {
            Fields p = Fields.of(pts.get(i), path + "[" + i + "]", problems);
            if (p == null) {
                continue;
            }
            p.allowOnly(Set.of("value", "weight"));
            Double value = p.number("value", min, false);
            Double weight = p.has("weight") ? p.number("weight", 0, true) : Double.valueOf(1);
            if (!p.has("value")) {
                problems.add(p.path(), "each point needs a value, e.g. {value: 512, weight: 0.5}");
            }
            if (value != null && weight != null) {
                points.add(new Distribution.Point(value, weight));
            }
        }
        return points.size() == pts.size() ? new Distribution.Empirical(points) : null;
    }

    private static Distribution mixture(Fields f, Problems problems, double min) {
        JsonNode peaks = f.get("peaks");
        String path = f.pathOf("peaks");
        if (!peaks.isArray() || peaks.size() < 2) {
            problems.add(path, "a mixture needs a list of at least two peaks, e.g. [{weight: 0.7, mean: 128,"
                    + " stddev: 10}, {weight: 0.3, mean: 2048, stddev: 100}]");
            return null;
        }
        List<Distribution.Peak> out = new ArrayList<>();
        for (int i = 0; i < peaks.size(); i++) {
            String pp = path + "[" + i + "]";
            Fields p = Fields.of(peaks.get(i), pp, problems);
            if (p == null) {
                continue;
            }
            Double weight = p.number("weight", 0, true);
            if (!p.has("weight")) {
                problems.add(pp, "each peak needs a weight > 0");
            }
            ObjectNode rest = p.node().deepCopy();
            rest.remove("weight");
            Distribution d = bind(rest, pp, problems, min);
            if (weight != null && d != null) {
                out.add(new Distribution.Peak(d, weight));
            }
        }
        return out.size() == peaks.size() ? new Distribution.Mixture(out) : null;
    }
}
