package dev.aiperf.engine.search;

import dev.aiperf.engine.api.model.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DimensionTest {

    @Test
    void logUniformIntegerMapsInLogSpaceAndRoundsHalfToEven() {
        Dimension c = Dimension.ofInt("concurrency", 1, 1000, Dimension.Prior.LOG_UNIFORM);
        assertThat(c.fromUnit(0)).isEqualTo(1.0);
        assertThat(c.fromUnit(1)).isEqualTo(1000.0);
        assertThat(c.fromUnit(1.0 / 3)).isEqualTo(10.0); // 1000^(1/3)
        assertThat(c.toUnit(100)).isCloseTo(2.0 / 3, within(1e-12));
        Dimension lin = Dimension.ofInt("osl", 0, 10, Dimension.Prior.UNIFORM);
        assertThat(lin.fromUnit(0.25)).isEqualTo(2.0); // 2.5 → 2 (half to even)
        assertThat(lin.fromUnit(0.35)).isEqualTo(4.0); // 3.5 → 4
    }

    @Test
    void realDimensionsAreClampedNotRounded() {
        Dimension r = Dimension.ofReal("rate", 0.5, 2.5, Dimension.Prior.UNIFORM);
        assertThat(r.fromUnit(0.3)).isCloseTo(1.1, within(1e-12));
        assertThat(r.fromUnit(1.7)).isEqualTo(2.5);
    }

    @Test
    void spaceRoundTripsAndRejectsBadInput() {
        SearchSpace s = SearchSpace.of(Dimension.ofInt("concurrency", 1, 64, Dimension.Prior.LOG_UNIFORM),
                Dimension.ofReal("rate", 1, 10, Dimension.Prior.UNIFORM));
        Map<String, Double> p = Map.of("concurrency", 16.0, "rate", 5.5);
        assertThat(s.fromUnit(s.toUnit(p))).isEqualTo(p);
        assertThatThrownBy(() -> Dimension.ofReal("rate", 0, 10, Dimension.Prior.LOG_UNIFORM))
                .isInstanceOf(ConfigException.class).hasMessageContaining("log-uniform prior needs lo > 0");
        assertThatThrownBy(() -> Dimension.ofReal("rate", 5, 5, Dimension.Prior.UNIFORM))
                .isInstanceOf(ConfigException.class).hasMessageContaining("hi (5.0) must be > lo (5.0)");
        assertThatThrownBy(() -> SearchSpace.of(Dimension.ofReal("rate", 1, 2, null), Dimension.ofReal("rate", 1, 3, null)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("duplicate path 'rate'");
    }

    @Test
    void failureSentinelFollowsAIPerf() {
        assertThat(FailureSentinel.of(new double[]{100, 40}, Direction.MAXIMIZE)).isEqualTo(36.0);
        assertThat(FailureSentinel.of(new double[]{5, 2}, Direction.MAXIMIZE)).isEqualTo(1.0);
        assertThat(FailureSentinel.of(new double[]{100, 300}, Direction.MINIMIZE)).isEqualTo(330.0);
        assertThat(FailureSentinel.of(new double[]{}, Direction.MAXIMIZE)).isEqualTo(-1e6);
        assertThat(FailureSentinel.of(new double[]{}, Direction.MINIMIZE)).isEqualTo(1e6);
    }
}
