package dev.aiperf.engine.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ask/tell planner: {@link #ask()} proposes the next point, the caller benchmarks it and reports the
 * result with {@link #tell(Observation)}. Calling {@code ask()} again before {@code tell} returns the same
 * pending point. Global stop rules live in {@link StopRules}; a planner that knows by itself that it is done
 * (the monotonic planner) says so in {@link #stopReason()}.
 */
public sealed interface SearchPlanner permits BayesianPlanner, MonotonicSlaPlanner, MultiObjectivePlanner,
        SmoothIsotonicPlanner, TpePlanner {

    /** The next point to benchmark, {path: value}, integers already rounded. */
    Map<String, Double> ask();

    /** Reports the result at the point last returned by {@link #ask()}. */
    void tell(Observation observation);

    /** Everything told so far, in order. */
    List<Observation> observations();

    /** The planner's own reason to stop (e.g. {@code monotonic_precision_reached}), if it has one. */
    default Optional<String> stopReason() {
        return Optional.empty();
    }
}
