package dev.aiperf.engine.dataset;

/**
 * One turn of a conversation as the dataset gives it, before any history is attached.
 *
 * @param prompt      the turn's own text, token count and output length
 * @param delayMillis how long after the previous turn's response this turn is sent (0 for the first turn: its start
 *                    is the phase's to decide)
 * @param timestampMillis when a trace says this turn was sent, in the trace's milliseconds; {@code NaN} when untimed
 */
public record Turn(Prompt prompt, double delayMillis, double timestampMillis) {

    /** An untimed turn with no delay. */
    public static Turn of(Prompt prompt) {
        return new Turn(prompt, 0, Double.NaN);
    }

    public boolean timed() {
        return !Double.isNaN(timestampMillis);
    }
}
