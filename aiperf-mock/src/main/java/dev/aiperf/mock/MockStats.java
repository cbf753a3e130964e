package dev.aiperf.mock;

/**
 * Server-wide counters since start ({@link MockServer#stats()}), for tests and, later, a metrics endpoint. The
 * prefix-cache counters are in tokens, like vLLM's {@code prefix_cache_queries} / {@code prefix_cache_hits}, and
 * count each completion once, at its first admission to the batch, so {@code prefixCacheHits} is the sum of the
 * {@code cached_tokens} the responses reported. Without a prefix cache (or outside the batching mode) they stay 0.
 *
 * @param completionRequests   chat and text completion requests received
 * @param requestsServed       requests answered completely, any endpoint
 * @param prefixCacheQueries   prompt tokens looked up in the prefix cache
 * @param prefixCacheHits      of those, tokens found (leading whole blocks)
 * @param prefixCacheBlocks    blocks in the prefix cache now
 * @param prefixCacheEvictions blocks evicted (least recently used) to make room
 * @param preemptions          sequences preempted under the KV budget
 */
public record MockStats(long completionRequests, long requestsServed, long prefixCacheQueries,
                        long prefixCacheHits, int prefixCacheBlocks, long prefixCacheEvictions, long preemptions) {

    /** {@code prefixCacheHits / prefixCacheQueries}; 0 before any query. */
    public double prefixCacheHitRate() {
        return prefixCacheQueries == 0 ? 0 : (double) prefixCacheHits / prefixCacheQueries;
    }
}
