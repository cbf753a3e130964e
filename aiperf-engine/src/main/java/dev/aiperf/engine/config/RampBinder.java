package dev.aiperf.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * Binds a phase's ramps ({@code concurrency_ramp}, {@code prefill_ramp}, {@code rate_ramp}): a number N means "from 1
 * up to the target over N seconds"; a mapping {@code {start, duration}} gives the starting value (default 1)
 * explicitly. The start must lie below the target.
 */
final class RampBinder {
    private RampBinder() {
    }

    /** The ramp under {@code key} of {@code phase}, rising to {@code target}; {@code null} when bad (recorded). */
    static Ramp bind(Fields phase, String key, double minStart, double target, Problems problems) {
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
