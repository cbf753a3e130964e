package dev.aiperf.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aiperf.engine.config.PhaseType;
import dev.aiperf.engine.config.Ramp;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

    private static double[] gaps(ArrivalSchedule s, int n) {
        double[] g = new double[n];
        double prev = s.next();
        for (int i = 0; i < n; i++) {
            double t = s.next();
            g[i] = t - prev;
            prev = t;
        }
        return g;
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    private static double cv2(double[] v) {
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return ss / v.length / (m * m);
    }

    @Test
    void constantGapsAreExactlyOneOverRate() {
        double[] g = gaps(new ArrivalSchedule(PhaseType.CONSTANT, 50, null, null, 1), 100);
        for (double x : g) {
            assertThat(x).isCloseTo(0.02, within(1e-12));
        }
    }

    @Test
    void poissonGapsAreExponentialWithMeanOneOverRateAndRepeatForASeed() {
        double[] a = gaps(new ArrivalSchedule(PhaseType.POISSON, 100, null, null, 42), 200_000);
        double[] b = gaps(new ArrivalSchedule(PhaseType.POISSON, 100, null, null, 42), 1_000);
        double[] c = gaps(new ArrivalSchedule(PhaseType.POISSON, 100, null, null, 43), 1_000);
        assertThat(mean(a)).isCloseTo(0.01, within(0.0002));
        assertThat(cv2(a)).isCloseTo(1.0, within(0.03));
        assertThat(java.util.Arrays.copyOf(a, 1_000)).containsExactly(b);
        assertThat(c[0]).isNotEqualTo(b[0]);
    }

    @Test
    void gammaSmoothnessIsTheShape() {
        double[] g = gaps(new ArrivalSchedule(PhaseType.GAMMA, 100, null, 4.0, 5), 200_000);
        assertThat(mean(g)).isCloseTo(0.01, within(0.0002));
        // Gamma with shape k has squared coefficient of variation 1/k: smoother than poisson for k > 1.
        assertThat(cv2(g)).isCloseTo(0.25, within(0.01));
    }

    @Test
    void rateRampSpendsTheIntegralOfTheRate() {
        ArrivalSchedule s = new ArrivalSchedule(PhaseType.CONSTANT, 100, new Ramp(0, 2.0), null, 1);
        // Rate rises 0 -> 100/s over 2 s: 100 requests by t = 2 s, then 100 per second.
        assertThat(s.advance(0, 100)).isCloseTo(2.0, within(1e-9));
        assertThat(s.advance(0, 25)).isCloseTo(1.0, within(1e-9));
        assertThat(s.advance(1.0, 75 + 50)).isCloseTo(2.5, within(1e-9));
        assertThat(s.advance(3.0, 10)).isCloseTo(3.1, within(1e-9));
        assertThat(s.rateAt(0.5)).isCloseTo(25.0, within(1e-9));
        ArrivalSchedule down = new ArrivalSchedule(PhaseType.CONSTANT, 10, new Ramp(30, 1.0), null, 1);
        // Ramp down 30 -> 10 over 1 s: 20 requests over the ramp.
        assertThat(down.advance(0, 20)).isCloseTo(1.0, within(1e-9));
        assertThat(down.advance(0, 10)).isLessThan(0.5);
    }

    @Test
    void concurrencyRampStepsAtIntegerValues() {
        Ramp ramp = new Ramp(1, 1.0);
        assertThat(LinearRamp.slotsAt(ramp, 8, 0)).isEqualTo(1);
        assertThat(LinearRamp.slotsAt(ramp, 8, 0.5)).isEqualTo(4);
        assertThat(LinearRamp.slotsAt(ramp, 8, 2)).isEqualTo(8);
        assertThat(LinearRamp.secondsToNextSlot(ramp, 8, 0)).isCloseTo(1.0 / 7, within(1e-9));
        assertThat(LinearRamp.secondsToNextSlot(ramp, 8, 1.5)).isInfinite();
        assertThat(LinearRamp.slotsAt(null, 5, 0)).isEqualTo(5);
    }
}
