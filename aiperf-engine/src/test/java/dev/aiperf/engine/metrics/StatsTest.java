package dev.aiperf.engine.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StatsTest {

    @Test
    void matchesTheReferenceExample() {
        Stats s = Stats.of(new double[] {50, 10, 40, 20, 30}, 1);
        assertThat(s.count()).isEqualTo(5);
        assertThat(s.sum()).isEqualTo(150);
        assertThat(s.avg()).isEqualTo(30);
        assertThat(s.min()).isEqualTo(10);
        assertThat(s.max()).isEqualTo(50);
        assertThat(s.p1()).isCloseTo(10.4, within(1e-9));
        assertThat(s.p5()).isCloseTo(12, within(1e-9));
        assertThat(s.p10()).isCloseTo(14, within(1e-9));
        assertThat(s.p25()).isCloseTo(20, within(1e-9));
        assertThat(s.p50()).isCloseTo(30, within(1e-9));
        assertThat(s.p75()).isCloseTo(40, within(1e-9));
        assertThat(s.p90()).isCloseTo(46, within(1e-9));
        assertThat(s.p95()).isCloseTo(48, within(1e-9));
        assertThat(s.p99()).isCloseTo(49.6, within(1e-9));
        // Population standard deviation (ddof = 0): sqrt(200).
        assertThat(s.std()).isCloseTo(14.1421, within(1e-4));
    }

    @Test
    void scaleConvertsNanosecondsToMilliseconds() {
        Stats s = Stats.of(new double[] {1_000_000, 3_000_000}, 1e6);
        assertThat(s.avg()).isEqualTo(2.0);
        assertThat(s.p50()).isEqualTo(2.0);
        assertThat(s.sum()).isEqualTo(4.0);
        assertThat(s.std()).isEqualTo(1.0);
    }

    @Test
    void singleValueAndEmpty() {
        Stats one = Stats.of(new double[] {7}, 1);
        assertThat(one.p1()).isEqualTo(7);
        assertThat(one.p99()).isEqualTo(7);
        assertThat(one.std()).isEqualTo(0);
        assertThat(Stats.of(new double[0], 1)).isNull();
        assertThat(Stats.scalar(3).get("avg")).isEqualTo(3);
        assertThat(Stats.scalar(3).get("p99")).isNaN();
    }

    @Test
    void chunkGapsPastTheExactLimitKeepExactMomentsAndCloseQuantiles() {
        ChunkGaps exact = new ChunkGaps(1_000_000);
        ChunkGaps bounded = new ChunkGaps(1_000);
        for (int i = 1; i <= 100_000; i++) {
            long v = 1_000_000L + (i * 7919L) % 9_000_000L;
            exact.add(v);
            bounded.add(v);
        }
        assertThat(exact.isExact()).isTrue();
        assertThat(bounded.isExact()).isFalse();
        Stats a = exact.stats(1e6);
        Stats b = bounded.stats(1e6);
        assertThat(b.count()).isEqualTo(a.count());
        assertThat(b.min()).isEqualTo(a.min());
        assertThat(b.max()).isEqualTo(a.max());
        assertThat(b.avg()).isCloseTo(a.avg(), within(1e-9));
        assertThat(b.std()).isCloseTo(a.std(), within(1e-6));
        for (String p : new String[] {"p1", "p50", "p90", "p99"}) {
            assertThat(b.get(p)).as(p).isCloseTo(a.get(p), within(a.get(p) * 0.002));
        }
    }
}
