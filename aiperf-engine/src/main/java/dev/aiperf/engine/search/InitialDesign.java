package dev.aiperf.engine.search;

import org.apache.commons.math3.random.SobolSequenceGenerator;

import java.util.Random;

/**
 * Seeded space-filling start of a search: the Sobol sequence (Joe–Kuo directions, from commons-math3) with a
 * random shift modulo 1 drawn from the seed (Cranley–Patterson rotation), so different seeds give different
 * but equally well spread designs and the unshifted sequence's all-zero first point is not special.
 */
final class InitialDesign {

    private final SobolSequenceGenerator sobol;
    private final double[] shift;

    InitialDesign(int dimensions, long seed) {
        this.sobol = new SobolSequenceGenerator(dimensions);
        Random r = Seeds.random(seed, 0);
        this.shift = new double[dimensions];
        for (int i = 0; i < dimensions; i++) {
            shift[i] = r.nextDouble();
        }
    }

    /** The next unit-cube point of the design. */
    double[] next() {
        double[] v = sobol.nextVector();
        for (int i = 0; i < v.length; i++) {
            double s = v[i] + shift[i];
            v[i] = s - Math.floor(s);
        }
        return v;
    }
}
