package dev.aiperf.mock;

/** A request the mock server rejects, with the HTTP status and the fields of an OpenAI-style error body. */
final class MockRequestException extends Exception {
    private final int status;
    private final String type;
    private final String param;
    private final String code;

    MockRequestException(int status, String type, String message, String param, String code) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    static MockRequestException invalid(String message, String param, String code) {
        return new MockRequestException(400, "invalid_request_error", message, param, code);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    String param() {
        return param;
    }

    String code() {
        return code;
    }
}
