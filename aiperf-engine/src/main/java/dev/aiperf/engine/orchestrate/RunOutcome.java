package dev.aiperf.engine.orchestrate;

import dev.aiperf.engine.plan.RunStatus;

/**
 * How a run ended.
 *
 * @param status ok, failed (every request failed, the server was unreachable, ...) or cancelled
 * @param error  the reason when not ok, e.g. {@code "All 200 requests failed: connection_error (200)"}
 */
public record RunOutcome(RunStatus.Status status, String error) {

    public static RunOutcome ok() {
        return new RunOutcome(RunStatus.Status.OK, null);
    }

    public static RunOutcome failed(String error) {
        return new RunOutcome(RunStatus.Status.FAILED, error);
    }

    public static RunOutcome cancelled() {
        return new RunOutcome(RunStatus.Status.CANCELLED, "cancelled by the user");
    }
}
