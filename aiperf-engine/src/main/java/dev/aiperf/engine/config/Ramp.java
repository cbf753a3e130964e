package dev.aiperf.engine.config;

/**
 * A linear ramp of a phase's concurrency or rate from {@code start} up to the phase's target over
 * {@code durationSeconds}, after which the target holds.
 */
public record Ramp(double start, double durationSeconds) {
}
