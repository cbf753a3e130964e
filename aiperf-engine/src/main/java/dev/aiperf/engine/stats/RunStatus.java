package dev.aiperf.engine.stats;

/** Outcome of one run as judged from its files. Cancelled runs are neither aggregated nor counted as failed. */
public enum RunStatus {
    OK, FAILED, CANCELLED
}
