package dev.aiperf.engine.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Non-dominated points of a two-objective problem: maximise x (throughput), minimise y (latency). A
 * dominates B iff A.x ≥ B.x and A.y ≤ B.y with at least one strict. Sort-and-sweep, O(n log n); equal
 * points do not dominate each other, so duplicates on the front are all kept.
 */
public final class ParetoFront {
    private ParetoFront() {
    }

    /** Indices (ascending) of the non-dominated points; every coordinate must be finite. */
    public static List<Integer> maxXMinY(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -x[i]).thenComparingDouble(i -> y[i]));
        List<Integer> front = new ArrayList<>();
        double bestAbove = Double.POSITIVE_INFINITY; // min y over points with strictly larger x
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j < order.length && x[order[j]] == x[order[i]]) {
                j++;
            }
            double groupMin = y[order[i]]; // sorted by y within equal x
            for (int k = i; k < j; k++) {
                int p = order[k];
                if (y[p] == groupMin && y[p] < bestAbove) {
                    front.add(p);
                }
            }
            bestAbove = Math.min(bestAbove, groupMin);
            i = j;
        }
        front.sort(Comparator.naturalOrder());
        return front;
    }
}
