package dev.aiperf.engine.search;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HypervolumeTest {

    private static final List<Direction> MIN2 = List.of(Direction.MINIMIZE, Direction.MINIMIZE);

    @Test
    void twoDimensionalStaircaseByHand() {
        // (1,3), (2,2), (3,1) against (4,4): 3·1 + 2·1 + 1·1 = 6
        List<double[]> pts = List.of(new double[]{1, 3}, new double[]{2, 2}, new double[]{3, 1});
        assertThat(Hypervolume.of(pts, new double[]{4, 4}, MIN2)).isEqualTo(6.0);
        // a dominated point and a point outside the reference change nothing
        List<double[]> more = new ArrayList<>(pts);
        more.add(new double[]{3, 3});
        more.add(new double[]{0.5, 5});
        assertThat(Hypervolume.of(more, new double[]{4, 4}, MIN2)).isEqualTo(6.0);
        assertThat(Hypervolume.of(List.of(), new double[]{4, 4}, MIN2)).isZero();
    }

    @Test
    void mixedDirections() {
        // maximise throughput, minimise latency; reference (throughput 0, latency 100)
        List<Direction> dirs = List.of(Direction.MAXIMIZE, Direction.MINIMIZE);
        List<double[]> pts = List.of(new double[]{50, 20}, new double[]{80, 60});
        // in minimisation form (-50,20), (-80,60) vs (0,100): 80·40 + 50·40 = 5200
        assertThat(Hypervolume.of(pts, new double[]{0, 100}, dirs)).isEqualTo(5200.0);
    }

    @Test
    void threeDimensionalMatchesInclusionExclusion() {
        Random r = new Random(4);
        List<Direction> min3 = List.of(Direction.MINIMIZE, Direction.MINIMIZE, Direction.MINIMIZE);
        for (int trial = 0; trial < 20; trial++) {
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                pts.add(new double[]{r.nextDouble(), r.nextDouble(), r.nextDouble()});
            }
            double[] ref = {1.1, 1.2, 1.0};
            assertThat(Hypervolume.of(pts, ref, min3)).isCloseTo(inclusionExclusion(pts, ref), within(1e-12));
        }
        // a single box
        assertThat(Hypervolume.of(List.<double[]>of(new double[]{0, 0, 0}), new double[]{1, 2, 3}, min3)).isEqualTo(6.0);
    }

    @Test
    void fourDimensionsByHand() {
        List<Direction> min4 = List.of(Direction.MINIMIZE, Direction.MINIMIZE, Direction.MINIMIZE, Direction.MINIMIZE);
        // two unit-offset boxes in [0,2]^4: 16 + 16 − overlap 1·1·... = boxes [0,2]x[1,2]... computed exactly:
        List<double[]> pts = List.of(new double[]{0, 1, 1, 1}, new double[]{1, 0, 1, 1});
        // box A = 2·1·1·1 = 2, box B = 1·2·1·1 = 2, overlap = 1·1·1·1 = 1 → 3
        assertThat(Hypervolume.of(pts, new double[]{2, 2, 2, 2}, min4)).isEqualTo(3.0);
    }

    @Test
    void improvementOfOnePointMatchesTheDifferenceOfVolumes() {
        Random r = new Random(9);
        List<double[]> front = List.of(new double[]{1, 5}, new double[]{2, 3}, new double[]{4, 2}, new double[]{6, 1});
        double[] fx = front.stream().mapToDouble(p -> p[0]).toArray();
        double[] fy = front.stream().mapToDouble(p -> p[1]).toArray();
        double base = Hypervolume.ofMinimisation(front, new double[]{8, 7});
        for (int i = 0; i < 200; i++) {
            double px = r.nextDouble() * 9;
            double py = r.nextDouble() * 8;
            List<double[]> with = new ArrayList<>(front);
            with.add(new double[]{px, py});
            double expected = Hypervolume.ofMinimisation(with, new double[]{8, 7}) - base;
            assertThat(Hypervolume.improvement2d(px, py, fx, fy, 8, 7)).as("(%s,%s)", px, py)
                    .isCloseTo(expected, within(1e-9));
        }
    }

    /** Exact union volume of boxes [p, ref] by inclusion–exclusion (exponential; small sets only). */
    private static double inclusionExclusion(List<double[]> pts, double[] ref) {
        int n = pts.size();
        double total = 0;
        for (int mask = 1; mask < (1 << n); mask++) {
            double[] corner = new double[ref.length];
            java.util.Arrays.fill(corner, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    for (int k = 0; k < ref.length; k++) {
                        corner[k] = Math.max(corner[k], pts.get(i)[k]);
                    }
                }
            }
            double vol = 1;
            for (int k = 0; k < ref.length; k++) {
                vol *= Math.max(0, ref[k] - corner[k]);
            }
            total += (Integer.bitCount(mask) % 2 == 1 ? 1 : -1) * vol;
        }
        return total;
    }
}
