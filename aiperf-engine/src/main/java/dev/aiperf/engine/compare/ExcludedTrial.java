package dev.aiperf.engine.compare;

import dev.aiperf.engine.plan.RunStatus;

import java.util.Objects;

/**
 * A trial of a cell that does not enter the comparison because its run failed or was cancelled, by the rules the
 * aggregation applies ({@link dev.aiperf.engine.stats.RunSummaryReader#read}): {@code run_status.json} says failed
 * or cancelled, the export says {@code was_cancelled: true}, or its metrics show no completed request.
 *
 * @param trial  the run's label, e.g. {@code trial_0002} or {@code run_0003}
 * @param status {@link RunStatus.Status#FAILED} or {@link RunStatus.Status#CANCELLED}
 * @param error  why, e.g. {@code cancelled by the user}; may be {@code null}
 * @param source {@code null} when the run's own files were judged; else the aggregate file whose metadata lists the
 *               run as failed or cancelled (the trial was already left out of that aggregate's statistics)
 */
public record ExcludedTrial(String trial, RunStatus.Status status, String error, String source) {

    public ExcludedTrial {
        Objects.requireNonNull(trial, "trial");
        Objects.requireNonNull(status, "status");
        if (status == RunStatus.Status.OK) {
            throw new IllegalArgumentException("a successful trial is not excluded: " + trial);
        }
    }

    /** {@code failed} or {@code cancelled}. */
    public String statusWord() {
        return status.json();
    }

    /**
     * The trial and why it was left out, e.g. {@code trial_0002: cancelled (cancelled by the user)} or
     * {@code run_0003: failed (All 200 requests failed: connection_error x200)}; an aggregate's entry ends with
     * {@code [per profile_export_aiperf_aggregate.json]}.
     */
    public String describe() {
        boolean saysMore = error != null && !error.isBlank() && !error.equals(statusWord());
        return trial + ": " + statusWord() + (saysMore ? " (" + error + ")" : "")
                + (source == null ? "" : " [per " + source + "]");
    }
}
