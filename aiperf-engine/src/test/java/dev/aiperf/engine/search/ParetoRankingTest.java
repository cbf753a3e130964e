package dev.aiperf.engine.search;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ParetoRankingTest {

    private static final List<Direction> TPUT_LATENCY = List.of(Direction.MAXIMIZE, Direction.MINIMIZE);

    @Test
    void dominanceWithMixedDirections() {
        assertThat(ParetoRanking.dominates(new double[]{100, 10}, new double[]{90, 12}, TPUT_LATENCY)).isTrue();
        assertThat(ParetoRanking.dominates(new double[]{100, 10}, new double[]{100, 10}, TPUT_LATENCY)).isFalse();
        assertThat(ParetoRanking.dominates(new double[]{100, 10}, new double[]{100, 11}, TPUT_LATENCY)).isTrue();
        assertThat(ParetoRanking.dominates(new double[]{100, 10}, new double[]{110, 12}, TPUT_LATENCY)).isFalse();
        assertThat(ParetoRanking.dominates(new double[]{110, 12}, new double[]{100, 10}, TPUT_LATENCY)).isFalse();
    }

    @Test
    void nonDominatedSortingAssignsLayeredRanks() {
        List<double[]> pts = List.of(
                new double[]{100, 10}, // rank 0
                new double[]{200, 30}, // rank 0
                new double[]{90, 12},  // dominated by 0 → rank 1
                new double[]{150, 40}, // dominated by 1 → rank 1
                new double[]{80, 50},  // dominated by 2 and 3 → rank 2
                new double[]{100, 10}  // equal to 0 → rank 0
        );
        assertThat(ParetoRanking.ranks(pts, TPUT_LATENCY)).containsExactly(0, 0, 1, 1, 2, 0);
        assertThat(ParetoRanking.nonDominated(pts, TPUT_LATENCY)).containsExactly(0, 1, 5);
    }
}
