package dev.aiperf.engine.metrics;

import java.util.Arrays;

/** A growable array of primitive longs: the per-request values of one metric, 8 bytes each. Not thread-safe. */
final class LongSeries {
    private long[] values = new long[1024];
    private int size;

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length + (values.length >> 1));
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    /** A sorted copy as doubles, for statistics. */
    double[] sortedDoubles() {
        double[] d = new double[size];
        for (int i = 0; i < size; i++) {
            d[i] = values[i];
        }
        Arrays.sort(d);
        return d;
    }

    /** Drops the values and their storage. */
    void release() {
        values = new long[0];
        size = 0;
    }
}
