package dev.aiperf.engine.run;

import dev.aiperf.engine.config.PhaseType;
import dev.aiperf.engine.config.Ramp;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * Intended send times of an open-loop phase, in seconds from the phase start.
 *
 * <p>Each gap is a unit of "work" drawn from the phase's distribution with mean 1 (constant: exactly 1;
 * poisson: Exp(1); gamma: Gamma(shape = smoothness, scale = 1/shape)) spent at the instantaneous rate. With a
 * steady rate that is a gap of work/rate; during a {@code rate_ramp} the rate rises linearly and the gap is the
 * time over which the integral of the rate equals the work (time rescaling), so the ramp is followed exactly
 * even when it starts at zero.
 */
final class ArrivalSchedule {

    private final PhaseType type;
    private final double rate;
    private final Ramp ramp;
    private final SplittableRandom random;
    private final GammaDistribution gamma;
    private double nextSeconds;

    ArrivalSchedule(PhaseType type, double rate, Ramp ramp, Double smoothness, long seed) {
        this.type = type;
        this.rate = rate;
        this.ramp = ramp != null && ramp.durationSeconds() > 0 ? ramp : null;
        this.random = new SplittableRandom(seed);
        if (type == PhaseType.GAMMA) {
            double shape = smoothness == null ? 1.0 : smoothness;
            this.gamma = new GammaDistribution(new Well19937c(seed), shape, 1.0 / shape);
        } else {
            this.gamma = null;
        }
    }

    /** The intended time of the next request (the first is at 0), then advances past it. */
    double next() {
        double t = nextSeconds;
        nextSeconds = advance(t, work());
        return t;
    }

    private double work() {
        return switch (type) {
            case CONSTANT, USER_CENTRIC -> 1.0;
            case POISSON -> -Math.log(1.0 - random.nextDouble());
            case GAMMA -> gamma.sample();
            case CONCURRENCY, FIXED_SCHEDULE -> throw new IllegalStateException(type.yamlName()
                    + " phases have no arrival schedule");
        };
    }

    /** The time after {@code t} at which {@code work} units have been spent at the (possibly ramping) rate. */
    double advance(double t, double work) {
        if (ramp == null || t >= ramp.durationSeconds()) {
            return t + work / rate;
        }
        double d = ramp.durationSeconds();
        double a = ramp.start();
        double b = (rate - a) / d;
        double rampLeft = a * (d - t) + b / 2 * (d * d - t * t);
        if (work >= rampLeft) {
            return d + (work - rampLeft) / rate;
        }
        if (Math.abs(b) < 1e-12) {
            return t + work / a;
        }
        double c = a * t + b / 2 * t * t + work;
        return (-a + Math.sqrt(a * a + 2 * b * c)) / b;
    }

    /** Instantaneous rate at {@code t} seconds. */
    double rateAt(double t) {
        return LinearRamp.valueAt(ramp, rate, t);
    }
}
