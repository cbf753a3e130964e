package dev.aiperf.engine.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Exact hypervolume: the measure of the region dominated by a point set and bounded by a reference point.
 *
 * <p>Two objectives by a sweep in O(n log n); more by slicing along the last objective (HSO), which is exact
 * and fast for the few dozen points a search produces. Points that do not strictly improve on the reference
 * in every objective contribute nothing.
 */
public final class Hypervolume {

    private Hypervolume() {
    }

    /** Hypervolume of {@code points} in their own directions, bounded by {@code reference}. */
    public static double of(List<double[]> points, double[] reference, List<Direction> directions) {
        List<double[]> min = new ArrayList<>();
        for (double[] p : points) {
            min.add(toMinimisation(p, directions));
        }
        return ofMinimisation(min, toMinimisation(reference, directions));
    }

    /** Hypervolume with every objective minimised and {@code reference} the upper corner. */
    public static double ofMinimisation(List<double[]> points, double[] reference) {
        int d = reference.length;
        List<double[]> inside = new ArrayList<>();
        for (double[] p : points) {
            boolean ok = true;
            for (int k = 0; k < d && ok; k++) {
                ok = p[k] < reference[k];
            }
            if (ok) {
                inside.add(p);
            }
        }
        if (inside.isEmpty()) {
            return 0.0;
        }
        if (d == 1) {
            double best = reference[0];
            for (double[] p : inside) {
                best = Math.min(best, p[0]);
            }
            return reference[0] - best;
        }
        return slice(inside, reference, d);
    }

    private static double slice(List<double[]> pts, double[] ref, int d) {
        if (d == 2) {
            return sweep2d(pts, ref[0], ref[1]);
        }
        int last = d - 1;
        List<double[]> sorted = new ArrayList<>(pts);
        sorted.sort(Comparator.comparingDouble(p -> p[last]));
        double total = 0;
        List<double[]> active = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            active.add(sorted.get(i));
            double next = i + 1 < sorted.size() ? sorted.get(i + 1)[last] : ref[last];
            double depth = next - sorted.get(i)[last];
            if (depth > 0) {
                total += depth * slice(active, ref, d - 1);
            }
        }
        return total;
    }

    private static double sweep2d(List<double[]> pts, double rx, double ry) {
        List<double[]> sorted = new ArrayList<>(pts);
        sorted.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        double area = 0;
        double prevY = ry;
        for (double[] p : sorted) {
            if (p[1] < prevY) {
                area += (rx - p[0]) * (prevY - p[1]);
                prevY = p[1];
            }
        }
        return area;
    }

    /**
     * Hypervolume a single minimisation point {@code (px, py)} adds to a 2-D front given as minimisation
     * coordinates sorted by x ascending with y descending (a non-dominated front), within reference (rx, ry).
     */
    static double improvement2d(double px, double py, double[] fx, double[] fy, double rx, double ry) {
        if (px >= rx || py >= ry) {
            return 0.0;
        }
        int n = fx.length;
        int i = 0;
        double curY = ry;
        while (i < n && fx[i] <= px) {
            curY = Math.min(curY, fy[i]);
            i++;
        }
        double x = px;
        double total = 0;
        while (curY > py) {
            double nextX = i < n ? Math.min(fx[i], rx) : rx;
            total += (nextX - x) * (curY - py);
            if (i >= n || fx[i] >= rx) {
                break;
            }
            x = fx[i];
            curY = Math.min(curY, fy[i]);
            i++;
        }
        return total;
    }

    static double[] toMinimisation(double[] p, List<Direction> directions) {
        double[] r = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            r[k] = directions.get(k).toMinimisation(p[k]);
        }
        return r;
    }
}
