package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.ProfileOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.aiperf.engine.config.BenchmarkBinder.DEFAULT_PHASE_NAME;
import static dev.aiperf.engine.config.FlagValues.Kind.COUNT;
import static dev.aiperf.engine.config.FlagValues.Kind.NON_NEGATIVE_REAL;
import static dev.aiperf.engine.config.FlagValues.Kind.POSITIVE_REAL;

/**
 * The phase flags: load (concurrency, rate and its mode), stop condition, grace period and warmup. They address
 * one phase, {@code profiling} or the single measured one; a comma list on a load or stop flag is a magic list.
 */
final class PhaseFlags {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PhaseFlags() {
    }

    /** Sets the phase flags given in {@code opts} into their phase, adding or dropping the warmup phase. */
    static void apply(ProfileOptions opts, ObjectNode body, MagicListSweep lists) {
        ObjectNode phase = targetPhase(body, opts);
        if (phase == null) {
            return;
        }
        String p = "phases." + phase.get("name").asText() + ".";
        value(phase, "concurrency", "--concurrency", opts.concurrency(), COUNT, p, lists);
        value(phase, "prefill_concurrency", "--prefill-concurrency", opts.prefillConcurrency(), COUNT, p, lists);
        value(phase, "rate", "--request-rate", opts.requestRate(), POSITIVE_REAL, p, lists);
        value(phase, "requests", "--request-count", opts.requestCount(), COUNT, p, lists);
        value(phase, "duration", "--benchmark-duration", opts.benchmarkDuration(), POSITIVE_REAL, p, lists);
        value(phase, "sessions", "--num-conversations", opts.numConversations(), COUNT, p, lists);
        value(phase, "users", "--num-users", opts.numUsers(), COUNT, p, lists);
        shape(opts, phase);
        ReplayFlags.apply(opts, phase);
        warmup(opts, body, phase);
    }

    /**
     * The phase the phase flags address: the one named {@code profiling}, else the single measured phase
     * (AIPerf's fallback for {@code phases.profiling}). {@code null} when no phase flag is given.
     */
    private static ObjectNode targetPhase(ObjectNode body, ProfileOptions o) {
        List<String> given = new ArrayList<>();
        addIf(given, "--concurrency", o.concurrency());
        addIf(given, "--prefill-concurrency", o.prefillConcurrency());
        addIf(given, "--request-rate", o.requestRate());
        addIf(given, "--request-rate-mode", o.requestRateMode());
        addIf(given, "--user-centric-rate", o.userCentricRate());
        addIf(given, "--request-count", o.requestCount());
        addIf(given, "--benchmark-duration", o.benchmarkDuration());
        addIf(given, "--benchmark-grace-period", o.benchmarkGracePeriod());
        addIf(given, "--num-conversations", o.numConversations());
        addIf(given, "--num-users", o.numUsers());
        addIf(given, "--warmup-request-count", o.warmupRequestCount());
        ReplayFlags.given(o, given);
        if (given.isEmpty()) {
            return null;
        }
        JsonNode phases = body.get("phases");
        if (!phases.isArray()) {
            return null; // reported by the binder
        }
        List<ObjectNode> measured = new ArrayList<>();
        for (JsonNode p : phases) {
            if (p.isObject() && DEFAULT_PHASE_NAME.equals(p.path("name").asText())) {
                return (ObjectNode) p;
            }
            if (p.isObject() && !p.path("exclude_from_results").asBoolean(false)) {
                measured.add((ObjectNode) p);
            }
        }
        if (measured.size() == 1) {
            return measured.get(0);
        }
        throw new ConfigException(String.join(", ", given), "these flags set the phase named 'profiling', but the"
                + " config has no such phase and " + measured.size() + " measured phases; name one of them"
                + " 'profiling' or set the values in the YAML");
    }

    /** Sets {@code key} of the phase to the flag's (first) value; a list is also recorded as a magic list. */
    private static void value(ObjectNode phase, String key, String flag, String value, FlagValues.Kind kind,
                              String prefix, MagicListSweep lists) {
        if (value == null) {
            return;
        }
        List<JsonNode> values = FlagValues.list(flag, value, kind);
        phase.set(key, values.get(0));
        lists.add(prefix + key, flag, values);
    }

    /** Type, stop condition, grace period and warmup, which depend on several flags together. */
    private static void shape(ProfileOptions o, ObjectNode phase) {
        if (o.userCentricRate() != null) {
            // AIPerf's user-centric mode: users each keep their own session, a turn every users / rate seconds.
            if (o.requestRate() != null || o.requestRateMode() != null) {
                throw new ConfigException("--user-centric-rate", "cannot be combined with "
                        + (o.requestRate() != null ? "--request-rate" : "--request-rate-mode") + "; pick one");
            }
            if (o.numUsers() == null && !phase.hasNonNull("users")) {
                throw new ConfigException("--user-centric-rate", "needs the number of users; add --num-users N"
                        + " (each user sends a turn every N / rate seconds)");
            }
            phase.set("rate", FlagValues.single("--user-centric-rate", o.userCentricRate(), POSITIVE_REAL));
            phase.put("type", PhaseType.USER_CENTRIC.yamlName());
            phase.remove("smoothness");
        }
        if (o.requestRateMode() != null) {
            String mode = o.requestRateMode().trim().toLowerCase(Locale.ROOT);
            if (!mode.equals("constant") && !mode.equals("poisson")) {
                throw new ConfigException("--request-rate-mode", "unknown mode '" + o.requestRateMode()
                        + "'; use constant or poisson");
            }
            if (!phase.hasNonNull("rate")) {
                throw new ConfigException("--request-rate-mode", "needs a rate; add --request-rate R");
            }
            phase.put("type", mode);
        } else if (o.requestRate() != null) {
            String type = phase.path("type").asText("");
            if (!type.equals("constant") && !type.equals("poisson") && !type.equals("gamma")) {
                phase.put("type", "poisson");
            }
        }
        // A stop condition given on the command line replaces the YAML's other one.
        if (o.requestCount() != null && o.benchmarkDuration() == null) {
            phase.remove("duration");
            phase.remove("grace_period");
        }
        if (o.benchmarkDuration() != null && o.requestCount() == null) {
            phase.remove("requests");
        }
        if (o.benchmarkGracePeriod() != null) {
            phase.set("grace_period", FlagValues.single("--benchmark-grace-period", o.benchmarkGracePeriod(),
                    NON_NEGATIVE_REAL));
        }
    }

    private static void warmup(ProfileOptions o, ObjectNode body, ObjectNode profiling) {
        if (o.warmupRequestCount() == null) {
            return;
        }
        if (o.warmupRequestCount() < 0) {
            throw new ConfigException("--warmup-request-count", "must be >= 0; got " + o.warmupRequestCount());
        }
        ArrayNode phases = (ArrayNode) body.get("phases");
        int existing = -1;
        for (int i = 0; i < phases.size(); i++) {
            if ("warmup".equals(phases.get(i).path("name").asText())) {
                existing = i;
            }
        }
        if (o.warmupRequestCount() == 0) {
            if (existing >= 0) {
                phases.remove(existing);
            }
            return;
        }
        if (existing >= 0) {
            ((ObjectNode) phases.get(existing)).put("requests", o.warmupRequestCount());
            return;
        }
        ObjectNode w = NODES.objectNode().put("name", "warmup").put("type", "concurrency")
                .put("exclude_from_results", true).put("requests", o.warmupRequestCount());
        JsonNode conc = profiling == null ? null : profiling.get("concurrency");
        w.put("concurrency", conc != null && conc.canConvertToInt() ? conc.asInt() : 1);
        phases.insert(0, w);
    }

    private static void addIf(List<String> given, String flag, Object value) {
        if (value != null) {
            given.add(flag);
        }
    }
}
