package dev.aiperf.engine.sweep;

/** How space-filling variations are labelled. */
public enum LabelFormat {
    /** {@code sobol_0000}, {@code latin_hypercube_0001}, ... */
    INDEX,
    /** grid-style {@code path=value, path=value}. */
    KV
}
