package dev.aiperf.engine.config;

import java.util.List;

/**
 * Binds the fixed-schedule options of a phase ({@code auto_offset}, {@code start_offset}, {@code end_offset},
 * {@code speedup}, AIPerf's {@code --fixed-schedule-*} flags) and its {@code request_cancellation}.
 */
final class ReplayBinder {
    /** The phase keys that only a fixed-schedule phase reads. */
    static final List<String> SCHEDULE_KEYS = List.of("auto_offset", "start_offset", "end_offset", "speedup");

    private ReplayBinder() {
    }

    /**
     * The schedule options of a fixed-schedule phase, or {@code null} when none is written (the defaults apply).
     * AIPerf makes {@code auto_offset} and {@code start_offset} exclusive: a start offset is itself the schedule's
     * zero, so writing one turns the (default) auto offset off, and asking for both is an error.
     */
    static PhaseConfig.FixedSchedule schedule(Fields f, Problems problems) {
        if (SCHEDULE_KEYS.stream().noneMatch(f::has)) {
            return null;
        }
        Boolean auto = f.bool("auto_offset");
        Double start = f.number("start_offset", 0, false);
        Double end = f.number("end_offset", 0, false);
        Double speedup = f.has("speedup") ? f.number("speedup", 0, true) : Double.valueOf(1);
        if (Boolean.TRUE.equals(auto) && f.has("start_offset")) {
            problems.add(f.pathOf("auto_offset"), "auto_offset and start_offset exclude each other (the start offset"
                    + " is the schedule's zero); remove one of them");
        }
        if (start != null && end != null && end < start) {
            problems.add(f.pathOf("end_offset"), "must be >= start_offset (" + Fields.fmt(start) + " ms); got "
                    + Fields.fmt(end));
        }
        if (speedup == null) {
            return null;
        }
        boolean autoOffset = auto != null ? auto : start == null;
        return new PhaseConfig.FixedSchedule(autoOffset, start, end, speedup);
    }

    /** Records one problem per schedule key written on a phase that is not fixed-schedule. */
    static void refuseSchedule(Fields f, PhaseType type, Problems problems) {
        for (String key : SCHEDULE_KEYS) {
            if (f.has(key)) {
                problems.add(f.pathOf(key), key + " only applies to fixed-schedule phases (this one is "
                        + type.yamlName() + "); set type: fixed-schedule or remove " + key);
            }
        }
    }

    /**
     * {@code request_cancellation: {rate, delay}}: {@code rate} percent (0-100) of the requests are aborted
     * {@code delay} seconds (default 0) after being sent. A rate of 0 is no cancellation ({@code null}), so a sweep
     * can include a baseline cell.
     */
    static PhaseConfig.Cancellation cancellation(Fields phase, Problems problems) {
        if (!phase.has("request_cancellation")) {
            return null;
        }
        Fields c = phase.mapping("request_cancellation");
        if (c == null) {
            return null;
        }
        c.allowOnly(List.of("rate", "delay"));
        Double rate = c.number("rate", 0, false);
        Double delay = c.has("delay") ? c.number("delay", 0, false) : Double.valueOf(0);
        if (!c.has("rate")) {
            problems.add(c.path(), "needs rate: the percentage (0-100) of requests to cancel, e.g."
                    + " {rate: 10, delay: 0.5}");
            return null;
        }
        if (rate != null && rate > 100) {
            problems.add(c.pathOf("rate"), "is a percentage of requests; must be <= 100, got " + Fields.fmt(rate));
            return null;
        }
        if (rate == null || delay == null || rate == 0) {
            return null;
        }
        return new PhaseConfig.Cancellation(rate, delay);
    }
}
