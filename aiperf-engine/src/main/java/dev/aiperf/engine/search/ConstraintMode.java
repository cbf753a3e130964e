package dev.aiperf.engine.search;

/**
 * How the single-objective planner handles SLA infeasibility ({@code constraint_mode}).
 * {@code EIC}: each constraint's violation gets its own Gaussian process and expected improvement is
 * multiplied by the probability of feasibility (expected improvement with constraints), the default.
 * {@code PENALTY}: infeasible observations are told to the objective model as the failure sentinel, so the
 * surrogate itself steers away.
 */
public enum ConstraintMode { EIC, PENALTY }
