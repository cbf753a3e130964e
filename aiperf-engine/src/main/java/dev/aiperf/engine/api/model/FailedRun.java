package dev.aiperf.engine.api.model;

/** A run excluded from an aggregate, with the reason: an entry of {@code failed_runs}. */
public record FailedRun(String label, String error) {
}
