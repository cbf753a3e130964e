package dev.aiperf.mock;

/** Generates every token at once on the submitting thread; the writer then sends them as fast as it can. */
final class ZeroLatencyScheduler implements TokenScheduler {
    @Override
    public void submit(Generation sequence) {
        long now = System.nanoTime();
        sequence.listener.onAdmitted(now, 0);
        // One burst, so the whole stream goes out in as few writes as the socket allows rather than one per token.
        sequence.listener.beginBurst();
        for (int i = 0; i < sequence.outputTokens && !sequence.cancelled(); i++) {
            sequence.listener.onToken(i, now);
        }
        sequence.listener.endBurst();
    }

    @Override
    public void close() {
    }
}
