package dev.aiperf.engine.plan;

/** Which cooldown precedes a run. */
public enum CooldownKind {
    /** The first run, or both cooldowns are zero. */
    NONE,
    /** {@code multi_run.cooldown_seconds}: between trials (in repeated order: between full passes over the cells). */
    TRIAL,
    /** {@code sweep.cooldown_seconds}: between variations. */
    VARIATION
}
