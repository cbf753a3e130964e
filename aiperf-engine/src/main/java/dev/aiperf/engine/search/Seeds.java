package dev.aiperf.engine.search;

/**
 * Seed derivation. {@link java.util.Random} seeded with neighbouring values gives nearly equal first draws,
 * so every derived seed goes through the SplitMix64 finaliser first.
 */
final class Seeds {

    private Seeds() {
    }

    static long mix(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static java.util.Random random(long seed, long stream) {
        return new java.util.Random(mix(mix(seed) + stream));
    }
}
