package dev.aiperf.engine.metrics;

import java.util.Arrays;

/** A growable array of primitive doubles: the per-request values of one metric, 8 bytes each. Not thread-safe. */
final class DoubleSeries {
    private double[] values = new double[1024];
    private int size;

    void add(double v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length + (values.length >> 1));
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    /** A sorted copy, for statistics. */
    double[] sortedCopy() {
        double[] d = Arrays.copyOf(values, size);
        Arrays.sort(d);
        return d;
    }
}
