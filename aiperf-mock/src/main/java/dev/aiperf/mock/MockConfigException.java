package dev.aiperf.mock;

/**
 * A mock server setting that cannot work, e.g. a negative latency or fault rates summing past 1. The message names
 * the setting and the fix: {@code mock.max_batch: must be at least 1; got 0}.
 */
public final class MockConfigException extends IllegalArgumentException {

    private final String setting;

    /** An error about {@code setting} ({@code mock.port}, {@code mock.faults}, ...). */
    public MockConfigException(String setting, String message) {
        super(setting + ": " + message);
        this.setting = setting;
    }

    /** The setting the error is about, e.g. {@code mock.max_batch}. */
    public String setting() {
        return setting;
    }
}
