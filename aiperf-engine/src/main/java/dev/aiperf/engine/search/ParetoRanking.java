package dev.aiperf.engine.search;

import java.util.List;

/** Pareto dominance with per-objective directions, and non-dominated sorting. */
public final class ParetoRanking {

    private ParetoRanking() {
    }

    /** True if {@code a} is at least as good as {@code b} in every objective and strictly better in one. */
    public static boolean dominates(double[] a, double[] b, List<Direction> directions) {
        boolean strictly = false;
        for (int i = 0; i < a.length; i++) {
            double x = directions.get(i).toMinimisation(a[i]);
            double y = directions.get(i).toMinimisation(b[i]);
            if (x > y) {
                return false;
            }
            if (x < y) {
                strictly = true;
            }
        }
        return strictly;
    }

    /**
     * Non-dominated sorting: rank 0 for the points no other point dominates, rank 1 for those only rank-0
     * points dominate, and so on. Equal points share a rank.
     */
    public static int[] ranks(List<double[]> points, List<Direction> directions) {
        int n = points.size();
        int[] rank = new int[n];
        java.util.Arrays.fill(rank, -1);
        int assigned = 0;
        for (int r = 0; assigned < n; r++) {
            boolean[] front = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (rank[i] >= 0) {
                    continue;
                }
                boolean dominated = false;
                for (int j = 0; j < n && !dominated; j++) {
                    dominated = j != i && rank[j] < 0 && dominates(points.get(j), points.get(i), directions);
                }
                front[i] = !dominated;
            }
            for (int i = 0; i < n; i++) {
                if (front[i]) {
                    rank[i] = r;
                    assigned++;
                }
            }
        }
        return rank;
    }

    /** Indices of the rank-0 points. */
    public static int[] nonDominated(List<double[]> points, List<Direction> directions) {
        int[] r = ranks(points, directions);
        return java.util.stream.IntStream.range(0, r.length).filter(i -> r[i] == 0).toArray();
    }
}
