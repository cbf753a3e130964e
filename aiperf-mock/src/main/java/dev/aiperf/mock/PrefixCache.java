package dev.aiperf.mock;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which prompt blocks the batching server still has in KV memory. A block is keyed by a hash chained over every
 * block before it, so a key stands for the whole prefix up to and including that block and only shared leading
 * blocks match, as in vLLM's automatic prefix caching. Least recently used blocks go first; blocks are touched
 * last-to-first so that, within a prompt, the tail goes before the head and a chain is shortened, not cut at the
 * start. Used from the scheduler thread; synchronized so that stats and {@link #clear()} may come from any thread.
 */
final class PrefixCache {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final PrefixCacheConfig config;
    private final LinkedHashMap<Long, Boolean> blocks;
    private long queriedTokens;
    private long hitTokens;
    private long evictedBlocks;

    PrefixCache(PrefixCacheConfig config) {
        this.config = config;
        this.blocks = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                if (size() > config.capacityBlocks()) {
                    evictedBlocks++;
                    return true;
                }
                return false;
            }
        };
    }

    boolean enabled() {
        return config.enabled();
    }

    /**
     * The chained keys of the prompt's full blocks (its words in order; a trailing partial block has none). Pure
     * function of the text, so request threads compute it and the scheduler thread only looks keys up.
     */
    long[] keys(CharSequence prompt) {
        int size = config.blockTokens();
        long[] out = new long[TextGenerator.countTokens(prompt) / size];
        long chain = FNV_OFFSET;
        long block = FNV_OFFSET;
        int words = 0;
        int n = 0;
        boolean inWord = false;
        for (int i = 0; i <= prompt.length() && n < out.length; i++) {
            boolean ws = i == prompt.length() || Character.isWhitespace(prompt.charAt(i));
            if (!ws) {
                block = (block ^ prompt.charAt(i)) * FNV_PRIME;
                inWord = true;
            } else if (inWord) {
                inWord = false;
                block = (block ^ ' ') * FNV_PRIME; // word boundary: "ab c" and "a bc" differ
                if (++words == size) {
                    chain = mix(chain * 0x9E3779B97F4A7C15L + block);
                    out[n++] = chain;
                    block = FNV_OFFSET;
                    words = 0;
                }
            }
        }
        return out;
    }

    /**
     * Tokens of the longest cached leading chain of {@code keys}, at most {@code promptTokens - 1} worth of whole
     * blocks: like vLLM, the last prompt token is always computed, since its logits give the first output token.
     * The blocks found become most recently used. {@code count} adds the lookup to the hit-rate counters.
     */
    synchronized int lookup(long[] keys, int promptTokens, boolean count) {
        if (!enabled()) {
            return 0;
        }
        int limit = Math.min(keys.length, (promptTokens - 1) / config.blockTokens());
        int hit = 0;
        while (hit < limit && blocks.containsKey(keys[hit])) {
            hit++;
        }
        for (int i = hit - 1; i >= 0; i--) {
            blocks.get(keys[i]);
        }
        int tokens = hit * config.blockTokens();
        if (count) {
            queriedTokens += promptTokens;
            hitTokens += tokens;
        }
        return tokens;
    }

    /** After a prefill: the prompt's blocks are in KV memory, most recently used, head last so it is evicted last. */
    synchronized void insert(long[] keys) {
        if (!enabled()) {
            return;
        }
        for (int i = keys.length - 1; i >= 0; i--) {
            blocks.put(keys[i], Boolean.TRUE);
        }
    }

    /** Forgets every block; the counters stay. */
    synchronized void clear() {
        blocks.clear();
    }

    synchronized long queriedTokens() {
        return queriedTokens;
    }

    synchronized long hitTokens() {
        return hitTokens;
    }

    synchronized long evictedBlocks() {
        return evictedBlocks;
    }

    synchronized int size() {
        return blocks.size();
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
