package dev.aiperf.mock;

/**
 * The batching mode's prefix cache: prompts are cut into blocks of {@code blockTokens} tokens (words) and a block is
 * found only together with every block before it, so only shared <em>leading</em> blocks are reused. The cache keeps
 * at most {@code capacityBlocks} blocks, least recently used first out; 0 turns it off. Rules in
 * {@code docs/MOCK_SERVER.md}.
 *
 * @param blockTokens    tokens per block; a prompt's last, partial block is never cached
 * @param capacityBlocks blocks kept; 0 = no prefix cache
 */
public record PrefixCacheConfig(int blockTokens, int capacityBlocks) {

    /** vLLM's default block size. */
    public static final int DEFAULT_BLOCK_TOKENS = 16;
    /** 65,536 blocks of 16 tokens: about a million tokens, a few MB of heap for the index. */
    public static final int DEFAULT_CAPACITY_BLOCKS = 65_536;

    public PrefixCacheConfig {
        if (blockTokens < 1) {
            throw new MockConfigException("mock.prefix_block_tokens",
                    "must be at least 1 token per block, e.g. 16; got " + blockTokens);
        }
        if (capacityBlocks < 0) {
            throw new MockConfigException("mock.prefix_cache_blocks",
                    "must be 0 (no prefix cache) or a positive number of blocks, e.g. 65536; got " + capacityBlocks);
        }
    }

    /** Blocks of 16 tokens, 65,536 of them (about a million tokens). */
    public static PrefixCacheConfig defaults() {
        return new PrefixCacheConfig(DEFAULT_BLOCK_TOKENS, DEFAULT_CAPACITY_BLOCKS);
    }

    /** No prefix cache: every prompt token is prefilled. */
    public static PrefixCacheConfig off() {
        return new PrefixCacheConfig(DEFAULT_BLOCK_TOKENS, 0);
    }

    public boolean enabled() {
        return capacityBlocks > 0;
    }
}
