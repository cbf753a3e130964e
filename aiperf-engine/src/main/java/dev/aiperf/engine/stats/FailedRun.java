package dev.aiperf.engine.stats;

/** A run excluded from an aggregate, with the reason: an entry of {@code failed_runs}. */
public record FailedRun(String label, String error) {
}
