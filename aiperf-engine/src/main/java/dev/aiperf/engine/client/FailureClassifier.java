package dev.aiperf.engine.client;

import dev.aiperf.engine.client.RequestRecord.RequestError;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/** Maps a transport failure to the error type and message a record carries. */
final class FailureClassifier {

    private FailureClassifier() {
    }

    static RequestError classify(Throwable failure, double timeoutSeconds) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CancellationException) {
                return new RequestError(ErrorTypes.CANCELLED, null, "request cancelled by the run");
            }
            if (t instanceof TimeoutException) {
                return new RequestError(ErrorTypes.TIMEOUT, null,
                        "no complete response within " + timeoutSeconds + " s (" + message(t) + ")");
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new RequestError(ErrorTypes.CONNECTION_ERROR, null, "connection refused: " + message(t));
            }
            if (t instanceof UnknownHostException) {
                return new RequestError(ErrorTypes.CONNECTION_ERROR, null, "unknown host: " + message(t));
            }
            if (t instanceof EOFException || t instanceof ClosedChannelException) {
                return new RequestError(ErrorTypes.CONNECTION_ERROR, null,
                        "connection closed before the response finished: " + message(t));
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return new RequestError(ErrorTypes.CONNECTION_ERROR, null, "connection failed: " + message(t));
            }
        }
        return new RequestError(ErrorTypes.CLIENT_ERROR, null, message(failure));
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
