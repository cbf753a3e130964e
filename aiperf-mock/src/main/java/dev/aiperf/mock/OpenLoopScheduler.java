package dev.aiperf.mock;

import java.util.SplittableRandom;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Every sequence on its own clock: token 0 at arrival + TTFT, token k at token k−1 + ITL, with lognormal jitter
 * when a CV is set. Target times are absolute, so timer slack does not accumulate along a stream.
 */
final class OpenLoopScheduler implements TokenScheduler {
    private final LatencyMode.OpenLoop mode;
    private final long seed;
    private final ScheduledThreadPoolExecutor timer;

    OpenLoopScheduler(LatencyMode.OpenLoop mode, long seed) {
        this.mode = mode;
        this.seed = seed;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "mock-open-loop");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void submit(Generation sequence) {
        long start = System.nanoTime();
        sequence.listener.onAdmitted(start, 0);
        SplittableRandom random = new SplittableRandom(seed ^ (sequence.arrivalOrder * 0xBF58476D1CE4E5B9L));
        long first = start + millisToNanos(draw(random, mode.ttftMs(), mode.ttftJitterCv()));
        schedule(sequence, 0, first, random);
    }

    private void schedule(Generation s, int index, long target, SplittableRandom random) {
        timer.schedule(() -> {
            if (s.cancelled()) {
                return;
            }
            s.listener.onToken(index, System.nanoTime());
            if (index + 1 < s.outputTokens) {
                schedule(s, index + 1, target + millisToNanos(draw(random, mode.itlMs(), mode.itlJitterCv())),
                        random);
            }
        }, target - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    /** Mean {@code mean}; with {@code cv > 0} a lognormal draw with that mean and coefficient of variation. */
    static double draw(SplittableRandom random, double mean, double cv) {
        if (cv <= 0 || mean <= 0) {
            return mean;
        }
        double sigma2 = Math.log(1 + cv * cv);
        double mu = Math.log(mean) - sigma2 / 2;
        return Math.exp(mu + Math.sqrt(sigma2) * gaussian(random));
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    static long millisToNanos(double ms) {
        return Math.round(ms * 1_000_000);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
