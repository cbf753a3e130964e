package dev.aiperf.engine.run;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.PhaseConfig;
import dev.aiperf.engine.config.PhaseType;
import dev.aiperf.engine.config.Ramp;

/**
 * Checks that a phase can run as configured. The binder checks phases read from YAML with paths and lines; this
 * check also covers phases built in code, and runs for every phase of a run before the first one starts, so a
 * bad later phase does not waste the earlier ones.
 */
final class PhaseValidation {
    private PhaseValidation() {
    }

    /** @throws ConfigException naming the phase and the field to fix */
    static void validate(PhaseConfig p) {
        String at = "phases." + p.name();
        stop(p, at);
        if (p.gracePeriod() != null && p.gracePeriod() < 0) {
            throw new ConfigException(at + ".grace_period: must be 0 or more seconds; got " + p.gracePeriod());
        }
        if (p.concurrency() != null && p.concurrency() < 1) {
            throw new ConfigException(at + ".concurrency: must be at least 1; got " + p.concurrency());
        }
        load(p, at);
        ramps(p, at);
        replay(p, at);
    }

    /** A phase stops after requests, a duration or sessions; a fixed schedule may also run to the trace's end. */
    private static void stop(PhaseConfig p, String at) {
        if (p.requests() == null && p.duration() == null && p.sessions() == null
                && p.type() != PhaseType.FIXED_SCHEDULE) {
            throw new ConfigException(at + ": give requests (a count), duration (seconds) or sessions (conversations)"
                    + " to say when it stops");
        }
        if (p.requests() != null && p.requests() < 1) {
            throw new ConfigException(at + ".requests: must be at least 1; got " + p.requests());
        }
        if (p.sessions() != null && p.sessions() < 1) {
            throw new ConfigException(at + ".sessions: must be at least 1; got " + p.sessions());
        }
        if (p.duration() != null && !(p.duration() > 0)) {
            throw new ConfigException(at + ".duration: must be a positive number of seconds; got " + p.duration());
        }
    }

    /** A rate for the rate types, users for user-centric, nothing but the trace for a fixed schedule. */
    private static void load(PhaseConfig p, String at) {
        if (p.type().needsRate() && (p.rate() == null || !(p.rate() > 0))) {
            throw new ConfigException(at + ".rate: a " + p.type().yamlName()
                    + " phase needs a positive rate in requests per second; got " + p.rate());
        }
        if (p.type() == PhaseType.USER_CENTRIC && (p.users() == null || p.users() < 1)) {
            throw new ConfigException(at + ".users: a user-centric phase needs the number of users, e.g. users: 16"
                    + " (--num-users; the turn gap is users / rate); got " + p.users());
        }
        if (p.type() == PhaseType.GAMMA && p.smoothness() != null && !(p.smoothness() > 0)) {
            throw new ConfigException(at + ".smoothness: the gamma shape must be positive; got " + p.smoothness());
        }
        if (p.type() == PhaseType.FIXED_SCHEDULE && p.rate() != null) {
            throw new ConfigException(at + ".rate: a fixed-schedule phase sends at the trace's timestamps; remove"
                    + " the rate (speedup replays faster)");
        }
        if (!p.type().needsRate() && p.rateRamp() != null) {
            throw new ConfigException(at + ".rate_ramp: only rate phases (constant, poisson, gamma, user-centric) have"
                    + " a rate to ramp; use concurrency_ramp for a concurrency phase");
        }
    }

    private static void ramps(PhaseConfig p, String at) {
        if (p.concurrencyRamp() != null && p.concurrency() == null) {
            throw new ConfigException(at + ".concurrency_ramp: needs a target concurrency; set concurrency");
        }
        if (p.concurrencyRamp() != null && p.type() == PhaseType.FIXED_SCHEDULE) {
            throw new ConfigException(at + ".concurrency_ramp: a fixed-schedule phase's load is the trace's; remove"
                    + " the ramp");
        }
        if (p.prefillRamp() != null && p.prefillConcurrency() == null) {
            throw new ConfigException(at + ".prefill_ramp: needs a target prefill_concurrency; set"
                    + " prefill_concurrency");
        }
        for (Ramp ramp : new Ramp[] {p.concurrencyRamp(), p.rateRamp(), p.prefillRamp()}) {
            if (ramp != null && (ramp.durationSeconds() < 0 || ramp.start() < 0)) {
                throw new ConfigException(at + ": a ramp needs start >= 0 and duration >= 0; got " + ramp);
            }
        }
    }

    /** Fixed-schedule options only on fixed-schedule phases, within AIPerf's bounds; cancellation a percentage. */
    private static void replay(PhaseConfig p, String at) {
        PhaseConfig.FixedSchedule s = p.schedule();
        if (s != null && p.type() != PhaseType.FIXED_SCHEDULE) {
            throw new ConfigException(at + ": fixed-schedule options (offsets, speedup) are set on a "
                    + p.type().yamlName() + " phase; use type fixed-schedule or drop them");
        }
        if (s != null) {
            if (!(s.speedup() > 0) || !Double.isFinite(s.speedup())) {
                throw new ConfigException(at + ".speedup: must be a finite number > 0; got " + s.speedup());
            }
            for (Double offset : new Double[] {s.startOffsetMs(), s.endOffsetMs()}) {
                if (offset != null && !(offset >= 0)) {
                    throw new ConfigException(at + ": schedule offsets are trace times in ms >= 0; got " + offset);
                }
            }
            if (s.startOffsetMs() != null && s.endOffsetMs() != null && s.endOffsetMs() < s.startOffsetMs()) {
                throw new ConfigException(at + ".end_offset: must be >= start_offset (" + s.startOffsetMs()
                        + " ms); got " + s.endOffsetMs());
            }
            if (s.autoOffset() && s.startOffsetMs() != null) {
                throw new ConfigException(at + ".auto_offset: auto_offset and start_offset exclude each other (the"
                        + " start offset is the schedule's zero); turn auto_offset off");
            }
        }
        PhaseConfig.Cancellation c = p.cancellation();
        if (c != null && (!(c.ratePercent() >= 0) || c.ratePercent() > 100)) {
            throw new ConfigException(at + ".request_cancellation.rate: a percentage 0-100; got " + c.ratePercent());
        }
        if (c != null && !(c.delaySeconds() >= 0)) {
            throw new ConfigException(at + ".request_cancellation.delay: seconds >= 0; got " + c.delaySeconds());
        }
    }
}
