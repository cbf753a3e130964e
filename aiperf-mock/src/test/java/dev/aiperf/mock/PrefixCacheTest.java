package dev.aiperf.mock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The block chain, the leading-blocks-only rule, the last-token rule and least-recently-used eviction. */
class PrefixCacheTest {

    /** {@code n} words {@code tag0 tag1 ...}. */
    static String words(String tag, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(tag).append(i);
        }
        return sb.toString();
    }

    @Test
    void keysCoverOnlyFullBlocksAndChainOverEverythingBefore() {
        PrefixCache cache = new PrefixCache(new PrefixCacheConfig(4, 100));
        assertThat(cache.keys(words("a", 11))).hasSize(2);
        assertThat(cache.keys(words("a", 3))).isEmpty();
        // Whitespace does not matter, words do.
        assertThat(cache.keys("a b c d")).containsExactly(cache.keys("  a\tb\nc   d ")[0]);
        assertThat(cache.keys("ab c d e")).doesNotContain(cache.keys("a bc d e")[0]);
        // The same second block after a different first block is a different key: only leading blocks match.
        long[] x = cache.keys("p q r s w x y z");
        long[] y = cache.keys("P Q R S w x y z");
        assertThat(x[1]).isNotEqualTo(y[1]);
        assertThat(cache.keys("p q r s W X Y Z")[0]).isEqualTo(x[0]);
    }

    @Test
    void aHitIsTheLongestCachedLeadingChainButNeverTheLastPromptToken() {
        PrefixCache cache = new PrefixCache(new PrefixCacheConfig(4, 100));
        String prompt = words("a", 12);
        long[] keys = cache.keys(prompt);
        assertThat(cache.lookup(keys, 12, true)).isZero();
        cache.insert(keys);
        // 12 tokens, 3 full blocks, but the last token is always computed: 2 blocks at most.
        assertThat(cache.lookup(keys, 12, true)).isEqualTo(8);
        assertThat(cache.lookup(cache.keys(prompt + " more"), 13, true)).isEqualTo(12);
        // A different first block: nothing, although later words agree.
        assertThat(cache.lookup(cache.keys("b0" + prompt.substring(2)), 12, true)).isZero();
        assertThat(cache.queriedTokens()).isEqualTo(12 + 12 + 13 + 12);
        assertThat(cache.hitTokens()).isEqualTo(8 + 12);
        assertThat(cache.lookup(keys, 12, false)).isEqualTo(8);
        assertThat(cache.queriedTokens()).as("an uncounted lookup").isEqualTo(49);
    }

    @Test
    void leastRecentlyUsedBlocksGoFirstTailBeforeHead() {
        PrefixCache cache = new PrefixCache(new PrefixCacheConfig(4, 6));
        long[] a = cache.keys(words("a", 16));
        long[] b = cache.keys(words("b", 16));
        cache.insert(a);
        cache.insert(b);
        // 8 blocks into 6: A's two tail blocks went, its head is still there.
        assertThat(cache.size()).isEqualTo(6);
        assertThat(cache.evictedBlocks()).isEqualTo(2);
        assertThat(cache.lookup(a, 17, false)).isEqualTo(8);
        assertThat(cache.lookup(b, 17, false)).isEqualTo(16);
        // A was used before B, so inserting C evicts A's blocks first.
        cache.insert(cache.keys(words("c", 8)));
        assertThat(cache.lookup(a, 17, false)).isZero();
        assertThat(cache.lookup(b, 17, false)).isEqualTo(16);
        cache.clear();
        assertThat(cache.lookup(b, 17, false)).isZero();
    }

    @Test
    void offFindsNothingAndCountsNothing() {
        PrefixCache cache = new PrefixCache(PrefixCacheConfig.off());
        long[] keys = cache.keys(words("a", 64));
        cache.insert(keys);
        assertThat(cache.lookup(keys, 64, true)).isZero();
        assertThat(cache.queriedTokens()).isZero();
        assertThat(cache.size()).isZero();
    }

    @Test
    void badSettingsNameTheKey() {
        assertThatThrownBy(() -> new PrefixCacheConfig(0, 10)).isInstanceOf(MockConfigException.class)
                .hasMessageStartingWith("mock.prefix_block_tokens:");
        assertThatThrownBy(() -> new PrefixCacheConfig(16, -1)).isInstanceOf(MockConfigException.class)
                .hasMessageStartingWith("mock.prefix_cache_blocks:");
        assertThatThrownBy(() -> new SessionLogConfig(-1, 1, 1)).hasMessageStartingWith("mock.session_log_sessions:");
        assertThatThrownBy(() -> new SessionLogConfig(1, 0, 1)).hasMessageStartingWith("mock.session_log_requests:");
        assertThatThrownBy(() -> new SessionLogConfig(1, 1, 0)).hasMessageStartingWith("mock.session_log_chars:");
    }
}
