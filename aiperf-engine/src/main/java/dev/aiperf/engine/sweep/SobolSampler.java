package dev.aiperf.engine.sweep;

import org.apache.commons.math3.random.SobolSequenceGenerator;

import java.util.SplittableRandom;

/**
 * Sobol points in [0, 1)^d.
 *
 * <p>Unscrambled, the points are the standard Joe–Kuo sequence in Gray-code order, starting with the all-zero point,
 * exactly as scipy's {@code qmc.Sobol(d, scramble=False)} yields them (commons-math3 supplies the Joe–Kuo direction
 * numbers, 52 bits per coordinate). Scrambled, each coordinate's 52-bit digit vector is multiplied by a seeded random
 * lower-triangular binary matrix with unit diagonal and then XORed with a seeded random digital shift
 * ("linear matrix scramble + digital shift", the method scipy uses). The scramble keeps the (t, m, s)-net structure,
 * so every block of 2^m points stays balanced, while removing the all-zero first point and the sequence's
 * alignment on dyadic grid lines. Points are reproducible from the seed; they are not bit-identical to scipy's.
 */
public final class SobolSampler {
    private static final int BITS = 52;
    private static final double SCALE = Math.pow(2, BITS);
    private static final long MASK = (1L << BITS) - 1;

    private SobolSampler() {
    }

    /** The first {@code n} points of the {@code d}-dimensional sequence; {@code seed} is used only when scrambling. */
    public static double[][] points(int n, int d, boolean scramble, long seed) {
        if (d < 1 || d > 1000) {
            throw new IllegalArgumentException("Sobol dimension must be 1..1000, got " + d);
        }
        SobolSequenceGenerator gen = new SobolSequenceGenerator(d);
        long[][] matrices = null;
        long[] shifts = null;
        if (scramble) {
            SplittableRandom rng = new SplittableRandom(seed);
            matrices = new long[d][BITS];
            shifts = new long[d];
            for (int k = 0; k < d; k++) {
                for (int j = 0; j < BITS; j++) {
                    // Row j (output digit j, most significant first) depends on input digits 0..j:
                    // bit (BITS-1-j) is the diagonal, higher bits are the random strictly-lower part.
                    long diag = 1L << (BITS - 1 - j);
                    long above = j == 0 ? 0 : (rng.nextLong() & MASK & ~((diag << 1) - 1));
                    matrices[k][j] = above | diag;
                }
                shifts[k] = rng.nextLong() & MASK;
            }
        }
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            double[] v = gen.nextVector();
            for (int k = 0; k < d; k++) {
                if (!scramble) {
                    out[i][k] = v[k];
                    continue;
                }
                long x = (long) (v[k] * SCALE);
                long y = 0;
                for (int j = 0; j < BITS; j++) {
                    if ((Long.bitCount(matrices[k][j] & x) & 1) == 1) {
                        y |= 1L << (BITS - 1 - j);
                    }
                }
                y ^= shifts[k];
                out[i][k] = y / SCALE;
            }
        }
        return out;
    }
}
