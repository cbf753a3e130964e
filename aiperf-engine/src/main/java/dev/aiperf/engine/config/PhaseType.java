package dev.aiperf.engine.config;

import java.util.Locale;

/** How a phase issues requests. */
public enum PhaseType {
    /** Closed loop: as fast as {@code concurrency} slots allow. */
    CONCURRENCY("concurrency"),
    /** Open loop, constant gaps of 1/rate; concurrency is a ceiling. */
    CONSTANT("constant"),
    /** Open loop, exponential gaps with mean 1/rate from a seeded RNG; concurrency is a ceiling. */
    POISSON("poisson"),
    /** Open loop, gamma-distributed gaps with shape {@code smoothness}. */
    GAMMA("gamma"),
    /**
     * {@code users} simulated users, each with its own session; a user sends its next turn {@code users / rate}
     * seconds after its previous one (or when the response arrives, if later), and starts a new session when one
     * ends. The aggregate rate is {@code rate}.
     */
    USER_CENTRIC("user-centric"),
    /** Requests at the timestamps a trace gives, from the intended send time (no coordinated omission). */
    FIXED_SCHEDULE("fixed-schedule");

    private final String yamlName;

    PhaseType(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    /** True for phases that send at intended times rather than when a slot frees (every type but concurrency). */
    public boolean openLoop() {
        return this != CONCURRENCY;
    }

    /** True for the phases whose load is a {@code rate} (constant, poisson, gamma, user-centric). */
    public boolean needsRate() {
        return this == CONSTANT || this == POISSON || this == GAMMA || this == USER_CENTRIC;
    }

    public static PhaseType fromName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (PhaseType t : values()) {
            if (t.yamlName.equals(n)) {
                return t;
            }
        }
        return null;
    }
}
