package dev.aiperf.engine.metrics;

import java.util.Arrays;

/** A growable array of primitive longs: the per-request values of one metric, 8 bytes each. Not thread-safe. */
final class LongSeries {
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final int maxCapacity;
    private long[] values;
    private int size;

    LongSeries() {
        this(MAX_ARRAY);
    }

    /** A series that never allocates more than {@code maxCapacity} slots (its owner stops adding there). */
    LongSeries(int maxCapacity) {
        this.maxCapacity = maxCapacity;
        this.values = new long[Math.min(1024, maxCapacity)];
    }

    void add(long v) {
        if (size == values.length) {
            int grown = (int) Math.min((long) maxCapacity, values.length + (long) (values.length >> 1) + 1);
            if (grown <= size) {
                throw new IllegalStateException("series full at " + size + " values");
            }
            values = Arrays.copyOf(values, grown);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    long get(int i) {
        return values[i];
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
}
