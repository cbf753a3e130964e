package dev.aiperf.engine.client;

import dev.aiperf.engine.client.RequestRecord.RequestError;
import dev.aiperf.engine.client.RequestRecord.ServerTiming;
import dev.aiperf.engine.client.RequestRecord.Usage;
import dev.aiperf.engine.config.EndpointType;
import dev.aiperf.engine.dataset.Prompt;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.Invocable;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * One request in flight: reads the response body through Jetty's content-source read/demand loop, taking
 * {@link System#nanoTime()} the moment each chunk is handed over, and turns what it saw into a
 * {@link RequestRecord} once both the body and the exchange have finished (or the exchange failed).
 */
final class Exchange implements InFlightRequest, Response.ContentSourceListener, Response.CompleteListener {

    /** Error bodies are read only this far; the message is all a record needs. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final OpenAiClient client;
    private final long index;
    private final String phase;
    private final boolean excluded;
    private final Prompt prompt;
    private final Consumer<RequestRecord> onDone;
    /** Runs once at the first content response, or before {@link #onDone} when none came; then cleared. */
    private Runnable onFirstResponse;
    private volatile long intendedStartNanos;
    private volatile long startNanos;
    private volatile long wallStartNanos;
    private Request request;
    private volatile boolean cancelled;
    private volatile boolean abandoned;
    /**
     * Declared non-blocking, so Jetty runs the next read on the thread that saw the bytes arrive (the selector)
     * instead of handing it to a pool thread: the chunk is timestamped without waiting for a thread wake-up.
     */
    private final Runnable demandCallback = Invocable.from(Invocable.InvocationType.NON_BLOCKING, this::readLoop);

    // Guarded by this: the read loop, the completion and cancel() may run on different threads.
    private Content.Source source;
    private int status;
    private String reason;
    private boolean streamed;
    private SseParser sse;
    private ResponseCollector collector;
    private byte[] body;
    private int bodyLen;
    private ServerTiming headerTiming;
    private boolean bodyDone;
    private long bodyEndNanos;
    private Result result;
    private boolean emitted;

    Exchange(OpenAiClient client, long index, String phase, boolean excluded, Prompt prompt, long intendedStartNanos,
            Runnable onFirstResponse, Consumer<RequestRecord> onDone) {
        this.onFirstResponse = onFirstResponse;
        this.client = client;
        this.index = index;
        this.phase = phase;
        this.excluded = excluded;
        this.prompt = prompt;
        this.intendedStartNanos = intendedStartNanos;
        this.onDone = onDone;
    }

    void start(Request req) {
        request = req;
        long handedOver = System.nanoTime();
        startNanos = handedOver;
        wallStartNanos = client.wallClockNanos(handedOver);
        // Closed loop has no schedule: its intended start is its start, wherever that ends up.
        boolean unscheduled = intendedStartNanos == OpenAiClient.UNSCHEDULED;
        if (unscheduled) {
            intendedStartNanos = handedOver;
        }
        // The request starts when Jetty begins sending it on a connection, not when it was handed to Jetty: time
        // spent waiting for a pooled connection is the client's, and shows as schedule lag in open loop instead of
        // as server latency. Not the commit callback: that fires after the write completes, which under load can
        // come after the server has already read the request. A request that never gets that far keeps the
        // hand-over time.
        req.onRequestBegin(r -> {
            long sent = System.nanoTime();
            startNanos = sent;
            wallStartNanos = client.wallClockNanos(sent);
            if (unscheduled) {
                intendedStartNanos = sent;
            }
        });
        // send(this) registers this exchange for every listener interface it implements, content source included.
        // Registering it again with onResponseContentSource would make Jetty demultiplex the body to two listeners:
        // two collectors, every chunk handed over twice, and state (the first-response hook) lost between them.
        req.send(this);
    }

    @Override
    public long index() {
        return index;
    }

    @Override
    public long intendedStartNanos() {
        return intendedStartNanos;
    }

    @Override
    public long startNanos() {
        return startNanos;
    }

    @Override
    public void cancel() {
        cancelled = true;
        Request r = request;
        if (r != null) {
            r.abort(new CancellationException("request cancelled by the run"));
        }
    }

    @Override
    public void abandon() {
        abandoned = true;
        cancel();
    }

    @Override
    public void onContentSource(Response response, Content.Source content) {
        synchronized (this) {
            if (emitted) {
                content.fail(new CancellationException("request already reported"));
                return;
            }
            source = content;
            status = response.getStatus();
            reason = response.getReason();
            HttpFields headers = response.getHeaders();
            String contentType = headers.get(HttpHeader.CONTENT_TYPE);
            streamed = status < 400 && contentType != null
                    && contentType.regionMatches(true, 0, "text/event-stream", 0, 17);
            collector = new ResponseCollector();
            collector.onFirst = onFirstResponse;
            onFirstResponse = null;
            if (streamed) {
                sse = new SseParser(collector);
            } else {
                body = new byte[1024];
            }
            headerTiming = MockTimingHeaders.read(headers);
        }
        readLoop();
    }

    /** The read/demand loop: runs on the thread Jetty hands the bytes to, and timestamps each chunk there. */
    private void readLoop() {
        while (true) {
            Content.Chunk chunk = source.read();
            if (chunk == null) {
                source.demand(demandCallback);
                return;
            }
            long now = System.nanoTime();
            if (Content.Chunk.isFailure(chunk)) {
                // The exchange fails too; its completion reports the cause.
                return;
            }
            boolean last = chunk.isLast();
            synchronized (this) {
                if (emitted) {
                    chunk.release();
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                if (bytes.hasRemaining()) {
                    consume(bytes, now);
                }
                chunk.release();
                if (last) {
                    finishBody(now);
                }
            }
            if (last) {
                maybeEmit();
                return;
            }
        }
    }

    private void consume(ByteBuffer bytes, long now) {
        if (streamed) {
            sse.feed(bytes, now);
            return;
        }
        int n = bytes.remaining();
        if (status >= 400) {
            n = Math.min(n, MAX_ERROR_BODY - bodyLen);
            if (n <= 0) {
                return;
            }
        }
        if (bodyLen + n > body.length) {
            body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLen + n));
        }
        bytes.get(body, bodyLen, n);
        bodyLen += n;
    }

    private void finishBody(long now) {
        bodyDone = true;
        bodyEndNanos = now;
        if (streamed) {
            sse.finish();
        } else if (status < 400) {
            if (bodyLen == 0) {
                collector.parseError("empty response body (HTTP " + status + ")");
            } else {
                PayloadReader.read(body, 0, bodyLen, now, collector, true);
            }
        }
    }

    @Override
    public void onComplete(Result r) {
        synchronized (this) {
            result = r;
            if (source == null && !r.isFailed()) {
                // No body was announced: the exchange is complete as it stands.
                bodyDone = true;
                bodyEndNanos = System.nanoTime();
            }
        }
        maybeEmit();
    }

    private void maybeEmit() {
        synchronized (this) {
            if (emitted || result == null || (!result.isFailed() && !bodyDone)) {
                return;
            }
            emitted = true;
        }
        // Counting output tokens and recording take tens of microseconds: they run on a pool thread, so the I/O
        // thread that called here goes back to timestamping other streams' chunks at once.
        Runnable emit = () -> {
            RequestRecord record;
            synchronized (this) {
                record = buildRecord();
                // A request that never produced content still ends its prefill as far as the run is concerned.
                Runnable first = collector != null ? collector.onFirst : onFirstResponse;
                if (collector != null) {
                    collector.onFirst = null;
                }
                onFirstResponse = null;
                if (first != null) {
                    first.run();
                }
            }
            onDone.accept(record);
        };
        try {
            client.completionExecutor().execute(emit);
        } catch (RejectedExecutionException e) {
            // The client is closing: record here rather than lose a request the run is waiting for.
            emit.run();
        }
    }

    private RequestRecord buildRecord() {
        long end = bodyDone ? bodyEndNanos : System.nanoTime();
        RequestError error = error();
        long[] times = collector == null ? new long[0] : collector.responseTimes();
        Usage usage = collector == null ? null : collector.usage;
        ServerTiming timing = collector != null && collector.serverTiming != null ? collector.serverTiming : headerTiming;
        // Only a conversation needs the text back: its next turn carries it as history.
        String output = prompt.sessionId() != null && collector != null ? collector.text.toString() : null;
        return new RequestRecord(index, phase, excluded, wallStartNanos, intendedStartNanos, startNanos, times, end,
                prompt.inputTokens(), outputTokens(usage), usage, error, timing, prompt.sessionId(),
                prompt.turnIndex(), output);
    }

    private RequestError error() {
        if (result.isFailed()) {
            if (abandoned) {
                return new RequestError(ErrorTypes.REQUEST_CANCELLED, null,
                        "cancelled by the client on purpose (request_cancellation)");
            }
            if (cancelled) {
                return new RequestError(ErrorTypes.CANCELLED, null, "request cancelled by the run");
            }
            return FailureClassifier.classify(result.getFailure(), client.timeoutSeconds());
        }
        if (collector == null) {
            return new RequestError(ErrorTypes.MALFORMED_RESPONSE, status, "response without a body (HTTP " + status + ")");
        }
        if (status >= 400) {
            return new RequestError(ErrorTypes.HTTP_ERROR, status, httpErrorMessage());
        }
        if (collector.parseError != null) {
            return collector.parseError;
        }
        if (streamed && collector.serverErrorMessage != null) {
            return new RequestError(ErrorTypes.STREAM_ERROR, null, collector.serverErrorMessage);
        }
        return null;
    }

    private String httpErrorMessage() {
        if (bodyLen > 0) {
            ResponseCollector parsed = new ResponseCollector();
            PayloadReader.read(body, 0, bodyLen, 0L, parsed, true);
            if (parsed.serverErrorMessage != null) {
                return parsed.serverErrorMessage;
            }
            String text = new String(body, 0, Math.min(bodyLen, 500), StandardCharsets.UTF_8).strip();
            if (!text.isEmpty()) {
                return text;
            }
        }
        return reason == null || reason.isBlank() ? "HTTP " + status : reason;
    }

    private int outputTokens(Usage usage) {
        if (client.endpointType() == EndpointType.EMBEDDINGS) {
            return 0;
        }
        if (client.useServerTokenCount()) {
            return usage == null ? -1 : usage.completionTokens();
        }
        if (collector == null || collector.text.length() == 0) {
            return 0;
        }
        return client.tokenizer().count(collector.text.toString());
    }
}
