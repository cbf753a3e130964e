package dev.aiperf.engine.recipe;

import dev.aiperf.engine.api.model.ConfigException;

import java.util.List;
import java.util.TreeSet;

/**
 * AIPerf's log-spaced integer grid: {@code exp(ln lo + (ln hi − ln lo)·i/(steps−1))} for i = 0..steps−1, rounded
 * half to even, at least 1, deduplicated and sorted. [1, 1000] in 8 steps is [1, 3, 7, 19, 52, 139, 373, 1000].
 */
public final class LogGrid {

    private LogGrid() {
    }

    public static List<Long> of(double lo, double hi, int steps) {
        if (steps < 2) {
            throw new ConfigException("log grid: steps must be >= 2; got " + steps);
        }
        if (!(lo > 0) || !(hi > lo)) {
            throw new ConfigException("log grid: needs 0 < lo < hi; got lo=" + lo + ", hi=" + hi);
        }
        TreeSet<Long> out = new TreeSet<>();
        for (int i = 0; i < steps; i++) {
            double v = Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * i / (steps - 1));
            out.add(Math.max(1L, (long) Math.rint(v)));
        }
        return List.copyOf(out);
    }
}
