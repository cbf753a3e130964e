package dev.aiperf.mock;

import java.util.SplittableRandom;

/**
 * Deterministic text, lengths and embeddings. A token is a word; the generated words and the drawn length depend
 * only on the server seed and the prompt, so the same request always gets the same answer.
 */
final class TextGenerator {
    private static final String[] WORDS = {
        "the", "model", "server", "token", "batch", "latency", "stream", "request", "answer", "result",
        "value", "time", "data", "test", "fast", "slow", "queue", "cache", "step", "prefill",
        "decode", "output", "input", "prompt", "system", "user", "text", "word", "line", "point",
        "curve", "rate", "load", "peak", "level", "state", "graph", "chart", "table", "row",
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "red", "blue", "green", "light", "dark", "river", "stone", "cloud", "tree", "field",
        "and", "of", "to", "in"
    };
    private static final int EMBEDDING_DIM = 64;

    private final long seed;
    private final OutputLength outputLength;

    TextGenerator(long seed, OutputLength outputLength) {
        this.seed = seed;
        this.outputLength = outputLength;
    }

    /** A random source for one prompt: same seed and prompt, same stream. */
    SplittableRandom randomFor(String promptKey) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ mix(promptKey.hashCode()));
    }

    /**
     * Output tokens for a request: {@code maxTokens} exactly under {@code ignoreEos}, else the seeded draw (capped
     * by {@code maxTokens} when given, which is then the finish-by-length case).
     */
    int outputTokens(SplittableRandom random, int promptTokens, Integer maxTokens, boolean ignoreEos) {
        if (maxTokens != null && ignoreEos) {
            return maxTokens;
        }
        double ratio = outputLength.minRatio()
                + random.nextDouble() * (outputLength.maxRatio() - outputLength.minRatio());
        int drawn = Math.max(outputLength.minTokens(), (int) Math.round(ratio * promptTokens));
        return maxTokens == null ? drawn : Math.min(drawn, maxTokens);
    }

    /** {@code n} words, deterministic in the random source. */
    String[] words(SplittableRandom random, int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = WORDS[random.nextInt(WORDS.length)];
        }
        return out;
    }

    /** A unit-length embedding of {@code text}, deterministic in (seed, text). */
    float[] embedding(String text) {
        SplittableRandom r = randomFor(text);
        float[] v = new float[EMBEDDING_DIM];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
            norm += v[i] * v[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }

    /** Prompt length in tokens: whitespace-separated words, at least 1. */
    static int countTokens(CharSequence text) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean ws = Character.isWhitespace(text.charAt(i));
            if (!ws && !inWord) {
                count++;
            }
            inWord = !ws;
        }
        return count;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
