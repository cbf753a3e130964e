package dev.aiperf.engine.run;

import dev.aiperf.engine.config.Ramp;

/** A value that moves linearly from a ramp's start to its target over the ramp's duration, then holds. */
final class LinearRamp {

    private LinearRamp() {
    }

    static double valueAt(Ramp ramp, double target, double elapsedSeconds) {
        if (ramp == null || ramp.durationSeconds() <= 0 || elapsedSeconds >= ramp.durationSeconds()) {
            return target;
        }
        return ramp.start() + (target - ramp.start()) * Math.max(0, elapsedSeconds) / ramp.durationSeconds();
    }

    /** Concurrency at a moment: the ramp's value rounded down, at least 1. */
    static int slotsAt(Ramp ramp, int target, double elapsedSeconds) {
        return Math.max(1, (int) Math.floor(valueAt(ramp, target, elapsedSeconds) + 1e-9));
    }

    /** Seconds until the slot count next changes, or {@code +inf} when it no longer will. */
    static double secondsToNextSlot(Ramp ramp, int target, double elapsedSeconds) {
        if (ramp == null || ramp.durationSeconds() <= 0 || elapsedSeconds >= ramp.durationSeconds()
                || ramp.start() == target) {
            return Double.POSITIVE_INFINITY;
        }
        double slope = (target - ramp.start()) / ramp.durationSeconds();
        double v = valueAt(ramp, target, elapsedSeconds);
        double nextValue = slope > 0 ? Math.floor(v + 1e-9) + 1 : Math.ceil(v - 1e-9) - 1;
        double when = (nextValue - ramp.start()) / slope;
        return Math.max(0, Math.min(when, ramp.durationSeconds()) - elapsedSeconds);
    }
}
