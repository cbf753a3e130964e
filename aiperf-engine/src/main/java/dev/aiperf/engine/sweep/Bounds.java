package dev.aiperf.engine.sweep;

import dev.aiperf.engine.config.Fields;

/** The {@code lo}/{@code hi} range of a sampling or search dimension; {@code hi > lo}. */
record Bounds(double lo, double hi) {

    /** Reads both bounds; {@code null} (recorded) when one is missing or not finite, or {@code hi <= lo}. */
    static Bounds read(Fields d) {
        Double lo = d.requiredNumber("lo");
        Double hi = d.requiredNumber("hi");
        if (lo == null || hi == null) {
            return null;
        }
        if (!(hi > lo)) {
            d.error("hi", "hi (" + PythonStr.floatRepr(hi) + ") must be > lo (" + PythonStr.floatRepr(lo) + ")");
            return null;
        }
        return new Bounds(lo, hi);
    }
}
