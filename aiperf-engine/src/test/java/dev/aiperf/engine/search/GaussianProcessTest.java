package dev.aiperf.engine.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GaussianProcessTest {

    @Test
    void recoversA1dFunctionAtHeldOutPoints() {
        int n = 12;
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double u = i / (double) (n - 1);
            x[i] = new double[]{u};
            y[i] = 100 + 20 * Math.sin(6 * u);
        }
        GaussianProcess gp = GaussianProcess.fit(x, y, 1L);
        double maxErr = 0;
        for (int j = 0; j < 50; j++) {
            double u = (j + 0.5) / 50.0;
            maxErr = Math.max(maxErr, Math.abs(gp.predict(new double[]{u}).mean() - (100 + 20 * Math.sin(6 * u))));
        }
        assertThat(maxErr).isLessThan(0.2); // 1% of the function's amplitude
        assertThat(gp.noiseVariance()).isLessThan(1e-2 * 20 * 20 / 100); // tiny against the output variance
        // at a training point the posterior collapses onto the datum
        GaussianProcess.Prediction at = gp.predict(x[3]);
        assertThat(at.mean()).isCloseTo(y[3], org.assertj.core.data.Offset.offset(0.05));
        assertThat(at.sd()).isLessThan(0.5);
    }

    @Test
    void recoversA2dFunctionAndLearnsAnIrrelevantAxis() {
        java.util.Random r = new java.util.Random(3);
        int n = 40;
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[]{r.nextDouble(), r.nextDouble()};
            y[i] = f2(x[i]);
        }
        GaussianProcess gp = GaussianProcess.fit(x, y, 2L);
        double sq = 0;
        double var = 0;
        int m = 200;
        for (int j = 0; j < m; j++) {
            double[] u = {r.nextDouble(), r.nextDouble()};
            double e = gp.predict(u).mean() - f2(u);
            sq += e * e;
        }
        double rmse = Math.sqrt(sq / m);
        assertThat(rmse).isLessThan(0.05); // the function spans about 2.5
        double[] ls = gp.hyperparameters().lengthscales();
        assertThat(ls[0]).isGreaterThan(ls[1]); // the slowly varying axis gets the longer lengthscale
    }

    @Test
    void varianceGrowsAwayFromData() {
        double[][] x = {{0.1}, {0.2}, {0.3}};
        double[] y = {1, 2, 1.5};
        GaussianProcess gp = GaussianProcess.fit(x, y, 5L);
        assertThat(gp.predict(new double[]{0.9}).variance()).isGreaterThan(gp.predict(new double[]{0.2}).variance() * 10);
    }

    @Test
    void duplicatePointsStayNumericallyStable() {
        double[][] x = {{0.5}, {0.5}, {0.5}, {0.2}};
        double[] y = {3, 3, 3, 1};
        GaussianProcess gp = GaussianProcess.fit(x, y, 7L);
        GaussianProcess.Prediction p = gp.predict(new double[]{0.5});
        assertThat(p.mean()).isCloseTo(3, org.assertj.core.data.Offset.offset(0.05));
        assertThat(Double.isFinite(p.variance())).isTrue();
    }

    private static double f2(double[] u) {
        return Math.sin(3 * u[0]) + Math.cos(8 * u[1]) * 0.8;
    }
}
