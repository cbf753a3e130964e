package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.aiperf.engine.config.BenchmarkBinder.DEFAULT_PHASE_NAME;
import static dev.aiperf.engine.config.BenchmarkBinder.DEFAULT_REQUEST_COUNT;
import static dev.aiperf.engine.config.BenchmarkBinder.SAFE_NAME;

/**
 * Binds {@code benchmark.phases}: each phase's load shape (closed-loop concurrency, an open-loop rate, users, or a
 * trace's own timestamps), its stop condition (requests, duration, sessions, or the trace's end), its ramps, replay
 * options and request cancellation, with the rules that tie these together.
 *
 * <p>AIPerf's automatic fixed schedule is decided here: a measured phase that states no load ({@code type},
 * {@code rate}, {@code concurrency}, {@code users}) over a dataset file whose first record has a {@code timestamp}
 * (a mooncake trace, typically) replays that file on its timestamps.
 */
final class PhaseBinder {
    static final Set<String> KEYS = Set.of("name", "type", "requests", "duration", "rate", "concurrency",
            "prefill_concurrency", "grace_period", "exclude_from_results", "seamless", "concurrency_ramp",
            "rate_ramp", "sessions", "users", "smoothness", "prefill_ramp", "auto_offset", "start_offset",
            "end_offset", "speedup", "request_cancellation");
    /** Keys that state a phase's load; without any of them a phase over a timestamped trace replays it. */
    static final List<String> LOAD_KEYS = List.of("type", "rate", "concurrency", "users");

    private PhaseBinder() {
    }

    /** Every phase, names unique, at least one measured; {@code null} when any phase cannot be bound (recorded). */
    static List<PhaseConfig> bind(Fields root, EndpointConfig endpoint, DatasetBinder.Bound dataset, Problems problems) {
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
            PhaseConfig p = phase(list.get(i), listPath + "[" + i + "]", endpoint, dataset, problems);
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

    private static PhaseConfig phase(JsonNode node, String path, EndpointConfig endpoint, DatasetBinder.Bound dataset,
                                     Problems problems) {
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

        PhaseType type = type(f, exclude, dataset, problems);
        if (type == null) {
            return null;
        }
        loadRules(f, type, dataset, problems);
        if (grace != null && !f.has("duration")) {
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
        // A fixed schedule stops at the trace's end; the others stop after AIPerf's default 10 requests unless told.
        if (type != PhaseType.FIXED_SCHEDULE && !f.has("requests") && !f.has("duration") && !f.has("sessions")) {
            requests = DEFAULT_REQUEST_COUNT;
        }
        Ramp concurrencyRamp = null;
        if (f.has("concurrency_ramp") && type != PhaseType.FIXED_SCHEDULE) {
            if (concurrency == null) {
                problems.add(f.pathOf("concurrency_ramp"), "a concurrency ramp needs a target concurrency; set"
                        + " concurrency");
            } else {
                concurrencyRamp = RampBinder.bind(f, "concurrency_ramp", 1, concurrency, problems);
            }
        }
        Ramp prefillRamp = null;
        if (f.has("prefill_ramp")) {
            if (prefill == null) {
                problems.add(f.pathOf("prefill_ramp"), "a prefill ramp needs a target prefill_concurrency; set"
                        + " prefill_concurrency (--prefill-concurrency)");
            } else {
                prefillRamp = RampBinder.bind(f, "prefill_ramp", 1, prefill, problems);
            }
        }
        Ramp rateRamp = null;
        if (f.has("rate_ramp") && type.needsRate() && rate != null) {
            rateRamp = RampBinder.bind(f, "rate_ramp", Double.MIN_VALUE, rate, problems);
        }
        PhaseConfig.FixedSchedule schedule = type == PhaseType.FIXED_SCHEDULE ? ReplayBinder.schedule(f, problems)
                : null;
        PhaseConfig.Cancellation cancellation = ReplayBinder.cancellation(f, problems);
        return new PhaseConfig(name == null ? DEFAULT_PHASE_NAME : name, type, requests, duration, rate,
                concurrency, prefill, grace, exclude, seamless, concurrencyRamp, rateRamp, sessions, users, smoothness,
                prefillRamp, schedule, cancellation);
    }

    /**
     * The written type; else poisson with a rate; else fixed-schedule for a measured phase stating no load over a
     * timestamped dataset file (AIPerf's automatic switch); else concurrency. {@code null} when unknown (recorded).
     */
    private static PhaseType type(Fields f, boolean excluded, DatasetBinder.Bound dataset, Problems problems) {
        String typeName = f.string("type");
        if (typeName != null) {
            PhaseType type = PhaseType.fromName(typeName);
            if (type == null) {
                List<String> names = Arrays.stream(PhaseType.values()).map(PhaseType::yamlName).toList();
                problems.add(f.pathOf("type"), "unknown phase type '" + typeName + "'"
                        + ClosestKey.hintValue(typeName, names));
            }
            return type;
        }
        if (f.has("rate")) {
            return PhaseType.POISSON;
        }
        // AIPerf switches on the first record's timestamp, not on the type: a mooncake trace of bare input_text lines
        // has no schedule to keep and is sent in order like any other file.
        if (!excluded && dataset != null && dataset.timestamped() && LOAD_KEYS.stream().noneMatch(f::has)) {
            return PhaseType.FIXED_SCHEDULE;
        }
        return PhaseType.CONCURRENCY;
    }

    /** Which load keys each type takes: a rate for the rate types, users for user-centric, the trace's own timing. */
    private static void loadRules(Fields f, PhaseType type, DatasetBinder.Bound dataset, Problems problems) {
        if (type.needsRate() && !f.has("rate")) {
            problems.add(f.pathOf("type"), "a " + type.yamlName() + " phase needs a rate in requests per second,"
                    + " e.g. rate: 10");
        }
        if (type == PhaseType.CONCURRENCY && f.has("rate")) {
            problems.add(f.pathOf("rate"), "rate is only used by constant, poisson, gamma and user-centric phases; set"
                    + " type: poisson (or constant) or remove rate");
        }
        if (type == PhaseType.USER_CENTRIC && !f.has("users")) {
            problems.add(f.pathOf("type"), "a user-centric phase needs users, the number of simulated users"
                    + " (--num-users), e.g. users: 8; each user's turn gap is users / rate seconds");
        }
        if (f.has("smoothness") && type != PhaseType.GAMMA) {
            problems.add(f.pathOf("smoothness"), "smoothness is the shape of a gamma phase; set type: gamma or"
                    + " remove smoothness");
        }
        if (f.has("rate_ramp") && !type.needsRate()) {
            problems.add(f.pathOf("rate_ramp"), "rate_ramp needs a constant, poisson, gamma or user-centric phase"
                    + " with a rate");
        }
        if (type == PhaseType.FIXED_SCHEDULE) {
            fixedScheduleRules(f, dataset, problems);
        } else {
            ReplayBinder.refuseSchedule(f, type, problems);
        }
    }

    /** The trace sets a fixed schedule's load: no rate, users or concurrency ramp; it needs a timestamped file. */
    private static void fixedScheduleRules(Fields f, DatasetBinder.Bound dataset, Problems problems) {
        for (String key : List.of("rate", "users", "concurrency_ramp")) {
            if (f.has(key)) {
                problems.add(f.pathOf(key), "a fixed-schedule phase sends each request at its trace timestamp, so "
                        + key + " does not apply; remove it (speedup: N replays N times faster)");
            }
        }
        if (dataset == null) {
            return; // the dataset's own problem is recorded
        }
        DatasetConfig d = dataset.dataset();
        if (!d.type().fromFile()) {
            problems.add(f.pathOf("type"), "a fixed-schedule phase replays the timestamps of a dataset file; set"
                    + " dataset.path (--input-file) to a trace such as a mooncake_trace JSONL");
        } else if (!dataset.timestamped()) {
            problems.add(f.pathOf("type"), "a fixed-schedule phase replays timestamps, but the first record of "
                    + d.path() + " has no 'timestamp' (ms); add timestamps to the file or pick another phase type");
        }
    }
}
