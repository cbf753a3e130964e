package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.aiperf.engine.config.BenchmarkBinder.DEFAULT_PHASE_NAME;
import static dev.aiperf.engine.config.BenchmarkBinder.DEFAULT_REQUEST_COUNT;
import static dev.aiperf.engine.config.BenchmarkBinder.SAFE_NAME;

/**
 * Binds {@code benchmark.phases}: each phase's load shape (closed-loop concurrency or an open-loop rate), its
 * stop condition (requests, duration or sessions) and its ramps, with the rules that tie these together.
 */
final class PhaseBinder {
    static final Set<String> KEYS = Set.of("name", "type", "requests", "duration", "rate", "concurrency",
            "prefill_concurrency", "grace_period", "exclude_from_results", "seamless", "concurrency_ramp",
            "rate_ramp", "sessions", "users", "smoothness");

    private PhaseBinder() {
    }

    /** Every phase, names unique, at least one measured; {@code null} when any phase cannot be bound (recorded). */
    static List<PhaseConfig> bind(Fields root, EndpointConfig endpoint, Problems problems) {
        JsonNode list = root.get("phases");
        String listPath = root.pathOf("phases");
        if (!list.isArray() || list.isEmpty()) {
            problems.add(listPath, "expected a non-empty list of phases, e.g. [{name: profiling, type: concurrency,"
                    + " concurrency: 8, requests: 100}]; got " + Fields.describe(list));
            return null;
        }
        List<PhaseConfig> phases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            PhaseConfig p = phase(list.get(i), listPath + "[" + i + "]", endpoint, problems);
            if (p == null) {
                continue;
            }
            if (!names.add(p.name())) {
                problems.add(listPath + "[" + i + "].name", "phase names must be unique; '" + p.name()
                        + "' is used twice (sweep paths like phases." + p.name() + ".concurrency match by name)");
            }
            phases.add(p);
        }
        if (phases.size() == list.size() && phases.stream().allMatch(PhaseConfig::excludeFromResults)) {
            problems.add(listPath, "every phase has exclude_from_results: true; at least one phase must be measured");
        }
        return phases.size() == list.size() ? phases : null;
    }

    private static PhaseConfig phase(JsonNode node, String path, EndpointConfig endpoint, Problems problems) {
        Fields f = Fields.of(node, path, problems);
        if (f == null) {
            return null;
        }
        f.allowOnly(KEYS);
        String name = f.string("name");
        if (name != null && !SAFE_NAME.matcher(name).matches()) {
            problems.add(f.pathOf("name"), "phase names may use letters, digits, '_' and '-' only (they appear in"
                    + " sweep paths); got '" + name + "'");
        }
        Integer requests = f.integer("requests", 1);
        Double duration = f.number("duration", 0, true);
        Double rate = f.number("rate", 0, true);
        Integer concurrency = f.integer("concurrency", 1);
        Integer prefill = f.integer("prefill_concurrency", 1);
        Double grace = f.number("grace_period", 0, false);
        Integer sessions = f.integer("sessions", 1);
        Integer users = f.integer("users", 1);
        Double smoothness = f.number("smoothness", 0, true);
        boolean exclude = f.bool("exclude_from_results", false);
        boolean seamless = f.bool("seamless", false);

        PhaseType type = f.has("rate") ? PhaseType.POISSON : PhaseType.CONCURRENCY;
        String typeName = f.string("type");
        if (typeName != null) {
            type = PhaseType.fromName(typeName);
            if (type == null) {
                List<String> names = Arrays.stream(PhaseType.values()).map(PhaseType::yamlName).toList();
                problems.add(f.pathOf("type"), "unknown phase type '" + typeName + "'" + ClosestKey.hintValue(typeName, names));
                return null;
            }
        }
        if (type.openLoop() && !f.has("rate")) {
            problems.add(f.pathOf("type"), "a " + type.yamlName() + " phase needs a rate in requests per second,"
                    + " e.g. rate: 10");
        }
        if (!type.openLoop() && f.has("rate")) {
            problems.add(f.pathOf("rate"), "rate is only used by constant, poisson and gamma phases; set type:"
                    + " poisson (or constant) or remove rate");
        }
        if (smoothness != null && type != PhaseType.GAMMA) {
            problems.add(f.pathOf("smoothness"), "smoothness is the shape of a gamma phase; set type: gamma or"
                    + " remove smoothness");
        }
        if (f.has("grace_period") && !f.has("duration")) {
            problems.add(f.pathOf("grace_period"), "grace_period only applies to duration-based phases; set"
                    + " duration or remove grace_period");
        }
        if (concurrency == null && type == PhaseType.CONCURRENCY && !f.has("concurrency")) {
            concurrency = 1;
        }
        if (prefill != null && concurrency != null && f.has("concurrency") && prefill > concurrency) {
            problems.add(f.pathOf("prefill_concurrency"), "must be <= concurrency (" + concurrency + "); got " + prefill);
        }
        if (prefill != null && endpoint != null && !endpoint.streaming()) {
            problems.add(f.pathOf("prefill_concurrency"), "needs streaming responses to see when prefill ends;"
                    + " set endpoint.streaming: true (--streaming)");
        }
        if (requests == null && duration == null && sessions == null
                && !f.has("requests") && !f.has("duration") && !f.has("sessions")) {
            requests = DEFAULT_REQUEST_COUNT;
        }
        Ramp concurrencyRamp = null;
        if (f.has("concurrency_ramp")) {
            if (concurrency == null) {
                problems.add(f.pathOf("concurrency_ramp"), "a concurrency ramp needs a target concurrency; set"
                        + " concurrency");
            } else {
                concurrencyRamp = ramp(f, "concurrency_ramp", 1, concurrency, problems);
            }
        }
        Ramp rateRamp = null;
        if (f.has("rate_ramp")) {
            if (!type.openLoop()) {
                problems.add(f.pathOf("rate_ramp"), "rate_ramp needs a constant, poisson or gamma phase with a rate");
            } else if (rate != null) {
                rateRamp = ramp(f, "rate_ramp", Double.MIN_VALUE, rate, problems);
            }
        }
        return new PhaseConfig(name == null ? DEFAULT_PHASE_NAME : name, type, requests, duration, rate,
                concurrency, prefill, grace, exclude, seamless, concurrencyRamp, rateRamp, sessions, users, smoothness);
    }

    /**
     * A ramp: a number N means "from 1 up to the target over N seconds"; a mapping {@code {start, duration}}
     * gives the starting value (default 1) explicitly. The start must lie below the target.
     */
    private static Ramp ramp(Fields phase, String key, double minStart, double target, Problems problems) {
        String path = phase.pathOf(key);
        JsonNode v = phase.get(key);
        double start = 1;
        Double duration;
        if (v.isObject()) {
            Fields r = new Fields((ObjectNode) v, path, problems);
            r.allowOnly(Set.of("start", "duration"));
            duration = r.number("duration", 0, true);
            if (!r.has("duration")) {
                problems.add(path, "a ramp needs a duration in seconds, e.g. {start: 1, duration: 10}");
            }
            if (r.has("start")) {
                Double s = r.number("start", 0, true);
                if (s == null) {
                    return null;
                }
                start = s;
            }
            if (start < minStart) {
                problems.add(r.pathOf("start"), "must be >= " + Fields.fmt(minStart) + "; got " + Fields.fmt(start));
                return null;
            }
        } else {
            duration = Fields.number(v, path, problems);
            if (duration != null && duration <= 0) {
                problems.add(path, "a ramp duration must be > 0 seconds; got " + Fields.fmt(duration));
                return null;
            }
        }
        if (duration == null) {
            return null;
        }
        if (start > target) {
            problems.add(path, "the ramp starts at " + Fields.fmt(start) + ", above the target "
                    + Fields.fmt(target) + "; ramps go up to the phase's value");
            return null;
        }
        return new Ramp(start, duration);
    }
}
