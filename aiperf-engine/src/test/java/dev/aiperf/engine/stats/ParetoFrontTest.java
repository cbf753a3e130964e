package dev.aiperf.engine.stats;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ParetoFrontTest {

    /** The definition, O(n²): i is optimal iff no j is ≥ on x, ≤ on y and strictly better on one. */
    static List<Integer> bruteForce(double[] x, double[] y) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            boolean dominated = false;
            for (int j = 0; j < x.length && !dominated; j++) {
                dominated = j != i && x[j] >= x[i] && y[j] <= y[i] && (x[j] > x[i] || y[j] < y[i]);
            }
            if (!dominated) {
                out.add(i);
            }
        }
        return out;
    }

    @RepeatedTest(50)
    void matchesBruteForceOnRandomPoints(RepetitionInfo info) {
        Random rnd = new Random(1000 + info.getCurrentRepetition());
        int n = 1 + rnd.nextInt(60);
        double[] x = new double[n];
        double[] y = new double[n];
        boolean coarse = info.getCurrentRepetition() % 2 == 0; // small integer grid: many ties
        for (int i = 0; i < n; i++) {
            x[i] = coarse ? rnd.nextInt(6) : rnd.nextDouble() * 1000;
            y[i] = coarse ? rnd.nextInt(6) : rnd.nextDouble() * 200;
        }
        assertThat(ParetoFront.maxXMinY(x, y)).isEqualTo(bruteForce(x, y));
    }

    @Test
    void monotoneTradeOffKeepsEveryPoint() {
        // the seed's concurrency 10..40 example: more throughput always costs latency
        assertThat(ParetoFront.maxXMinY(new double[] {100, 150, 200, 255}, new double[] {125, 140, 170, 210}))
                .containsExactly(0, 1, 2, 3);
    }

    @Test
    void duplicatesAreBothKeptAndDominatedPointsDropped() {
        assertThat(ParetoFront.maxXMinY(new double[] {10, 10, 5, 12}, new double[] {3, 3, 4, 3}))
                .containsExactly(3);
        assertThat(ParetoFront.maxXMinY(new double[] {10, 10}, new double[] {3, 3})).containsExactly(0, 1);
        assertThat(ParetoFront.maxXMinY(new double[0], new double[0])).isEmpty();
    }
}
