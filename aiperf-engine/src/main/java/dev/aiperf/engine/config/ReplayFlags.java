package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.ProfileOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * The trace-replay and cancellation flags of the profiling phase: {@code --fixed-schedule} (and
 * {@code --no-fixed-schedule}), {@code --fixed-schedule-auto-offset}, {@code -start-offset}, {@code -end-offset},
 * {@code -speedup}, {@code --request-cancellation-rate} and {@code --request-cancellation-delay}.
 */
final class ReplayFlags {
    private ReplayFlags() {
    }

    /** The flags this class sets, for the phase-flag lookup. */
    static void given(ProfileOptions o, List<String> given) {
        addIf(given, "--fixed-schedule", o.fixedSchedule());
        addIf(given, "--fixed-schedule-auto-offset", o.fixedScheduleAutoOffset());
        addIf(given, "--fixed-schedule-start-offset", o.fixedScheduleStartOffset());
        addIf(given, "--fixed-schedule-end-offset", o.fixedScheduleEndOffset());
        addIf(given, "--fixed-schedule-speedup", o.fixedScheduleSpeedup());
        addIf(given, "--request-cancellation-rate", o.requestCancellationRate());
        addIf(given, "--request-cancellation-delay", o.requestCancellationDelay());
    }

    /** Sets the flags given in {@code o} into {@code phase}. */
    static void apply(ProfileOptions o, ObjectNode phase) {
        schedule(o, phase);
        if (o.fixedScheduleAutoOffset() != null) {
            phase.put("auto_offset", o.fixedScheduleAutoOffset());
        }
        if (o.fixedScheduleStartOffset() != null) {
            phase.put("start_offset", atLeastZero("--fixed-schedule-start-offset", o.fixedScheduleStartOffset()));
        }
        if (o.fixedScheduleEndOffset() != null) {
            phase.put("end_offset", atLeastZero("--fixed-schedule-end-offset", o.fixedScheduleEndOffset()));
        }
        if (o.fixedScheduleSpeedup() != null) {
            double s = o.fixedScheduleSpeedup();
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new ConfigException("--fixed-schedule-speedup", "must be a number > 0 (2 replays twice as"
                        + " fast); got " + s);
            }
            phase.put("speedup", s);
        }
        cancellation(o, phase);
    }

    /**
     * {@code --fixed-schedule} makes the phase a replay, dropping what only the replaced load used; it excludes the
     * other load flags. {@code --no-fixed-schedule} keeps a trace's phase closed-loop (AIPerf's opt-out of the
     * automatic switch) by writing the type the binder would otherwise choose.
     */
    private static void schedule(ProfileOptions o, ObjectNode phase) {
        if (Boolean.TRUE.equals(o.fixedSchedule())) {
            List<String> conflicts = new ArrayList<>();
            addIf(conflicts, "--request-rate", o.requestRate());
            addIf(conflicts, "--request-rate-mode", o.requestRateMode());
            addIf(conflicts, "--user-centric-rate", o.userCentricRate());
            if (!conflicts.isEmpty()) {
                throw new ConfigException("--fixed-schedule", "sends at the trace's timestamps and cannot be"
                        + " combined with " + String.join(", ", conflicts) + "; pick one");
            }
            phase.put("type", PhaseType.FIXED_SCHEDULE.yamlName());
            for (String key : List.of("rate", "rate_ramp", "smoothness", "users", "concurrency_ramp")) {
                phase.remove(key);
            }
        } else if (Boolean.FALSE.equals(o.fixedSchedule())) {
            String type = phase.path("type").asText("");
            if (type.equals(PhaseType.FIXED_SCHEDULE.yamlName()) || (type.isEmpty() && !phase.hasNonNull("rate"))) {
                phase.put("type", PhaseType.CONCURRENCY.yamlName());
                ReplayBinder.SCHEDULE_KEYS.forEach(phase::remove);
            }
        }
    }

    private static void cancellation(ProfileOptions o, ObjectNode phase) {
        if (o.requestCancellationRate() == null && o.requestCancellationDelay() == null) {
            return;
        }
        ObjectNode c = FlagOverrides.mapping(phase, "request_cancellation");
        if (o.requestCancellationRate() != null) {
            double r = o.requestCancellationRate();
            if (!(r >= 0 && r <= 100)) {
                throw new ConfigException("--request-cancellation-rate", "is a percentage of requests, 0-100; got " + r);
            }
            c.put("rate", r);
        }
        if (o.requestCancellationDelay() != null) {
            if (!c.hasNonNull("rate")) {
                throw new ConfigException("--request-cancellation-delay", "says when a cancelled request is aborted;"
                        + " add --request-cancellation-rate P (the percentage of requests to cancel)");
            }
            c.put("delay", atLeastZero("--request-cancellation-delay", o.requestCancellationDelay()));
        }
    }

    private static double atLeastZero(String flag, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new ConfigException(flag, "must be a number >= 0; got " + v);
        }
        return v;
    }

    private static void addIf(List<String> given, String flag, Object value) {
        if (value != null) {
            given.add(flag);
        }
    }
}
