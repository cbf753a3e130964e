package dev.aiperf.mock;



/**
 * Output length when a request gives no {@code max_tokens} (or gives one without {@code ignore_eos}, in which case the
 * drawn length is capped by it): uniform in {@code [minRatio, maxRatio] × prompt tokens}, at least {@code minTokens},
 * drawn from the server seed and the prompt, so the same prompt always gets the same length.
 */
public record OutputLength(double minRatio, double maxRatio, int minTokens) {
    public OutputLength {
        if (!(minRatio > 0) || !(maxRatio >= minRatio)) {
            throw new MockConfigException("mock.output_length",
                    "needs 0 < min_ratio <= max_ratio; got " + minRatio + ", " + maxRatio);
        }
        if (minTokens < 1) {
            throw new MockConfigException("mock.output_length.min_tokens", "must be at least 1; got " + minTokens);
        }
    }

    /** AIPerf's mock default: 0.8–1.2 × prompt length, at least 16 tokens. */
    public static OutputLength defaults() {
        return new OutputLength(0.8, 1.2, 16);
    }
}
