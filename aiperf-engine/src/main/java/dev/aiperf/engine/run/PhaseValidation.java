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
        if (p.requests() == null && p.duration() == null && p.sessions() == null
                && p.type() != PhaseType.FIXED_SCHEDULE) {
            throw new ConfigException(at + ": give requests (a count), sessions (conversations) or duration (seconds)"
                    + " to say when it stops");
        }
        if (p.type() == PhaseType.USER_CENTRIC && (p.users() == null || p.users() < 1)) {
            throw new ConfigException(at + ".users: a user-centric phase needs the number of users, e.g. users: 16"
                    + " (--num-users)");
        }
        if (p.requests() != null && p.requests() < 1) {
            throw new ConfigException(at + ".requests: must be at least 1; got " + p.requests());
        }
        if (p.duration() != null && !(p.duration() > 0)) {
            throw new ConfigException(at + ".duration: must be a positive number of seconds; got " + p.duration());
        }
        if (p.gracePeriod() != null && p.gracePeriod() < 0) {
            throw new ConfigException(at + ".grace_period: must be 0 or more seconds; got " + p.gracePeriod());
        }
        if (p.concurrency() != null && p.concurrency() < 1) {
            throw new ConfigException(at + ".concurrency: must be at least 1; got " + p.concurrency());
        }
        if (p.type().needsRate()) {
            if (p.rate() == null || !(p.rate() > 0)) {
                throw new ConfigException(at + ".rate: a " + p.type().yamlName()
                        + " phase needs a positive rate in requests per second; got " + p.rate());
            }
            if (p.type() == PhaseType.GAMMA && p.smoothness() != null && !(p.smoothness() > 0)) {
                throw new ConfigException(at + ".smoothness: the gamma shape must be positive; got " + p.smoothness());
            }
        } else if (p.rateRamp() != null) {
            throw new ConfigException(at + ".rate_ramp: only rate phases (constant, poisson, gamma) have a rate to ramp; "
                    + "use concurrency_ramp for a concurrency phase");
        }
        if (p.concurrencyRamp() != null && p.concurrency() == null) {
            throw new ConfigException(at + ".concurrency_ramp: needs a target concurrency; set concurrency");
        }
        for (Ramp ramp : new Ramp[] {p.concurrencyRamp(), p.rateRamp()}) {
            if (ramp != null && (ramp.durationSeconds() < 0 || ramp.start() < 0)) {
                throw new ConfigException(at + ": a ramp needs start >= 0 and duration >= 0; got " + ramp);
            }
        }
    }
}
