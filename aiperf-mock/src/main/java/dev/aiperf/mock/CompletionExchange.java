package dev.aiperf.mock;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One chat or text completion on the wire. Tokens arrive from a {@link TokenScheduler} thread; streaming responses
 * queue them as SSE events and a single write is in flight at a time (Jetty's async write; its callback drains what
 * queued up meanwhile, coalescing events into one write), so the scheduler never waits for a client.
 */
final class CompletionExchange implements Generation.Listener {
    /** Prompt tokens served from the prefix cache, on every completion response (0 without a prefix cache). */
    static final String CACHED_TOKENS_HEADER = "x-mock-cached-tokens";

    private enum Kind { DATA, TIMING, DROP, STALL }

    private record Item(Kind kind, String text, boolean firstToken, boolean lastToken) {
    }

    private final MockServer server;
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final CompletionRequest req;
    private final String[] words;
    private final int promptTokens;
    private final FaultKind fault;
    private final long receivedNanos;
    private final String chunkPrefix;
    private final int faultAfterToken;
    private final SessionLog.Entry logged;
    private Generation sequence;

    private final ArrayDeque<Item> pending = new ArrayDeque<>();
    private boolean writing;
    private boolean burst;
    private boolean finished;
    private volatile long submittedNanos;
    private volatile long admittedNanos;
    private volatile int cachedTokens;
    private long firstNanos;
    private long lastNanos;

    CompletionExchange(MockServer server, Request request, Response response, Callback callback,
                       CompletionRequest req, String[] words, FaultKind fault, long receivedNanos, long index,
                       SessionLog.Entry logged) {
        this.server = server;
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.req = req;
        this.words = words;
        this.promptTokens = req.promptTokens();
        this.fault = fault;
        this.receivedNanos = receivedNanos;
        this.faultAfterToken = Math.max(0, words.length / 2 - 1);
        this.logged = logged;
        String id = (req.chat() ? "chatcmpl-mock-" : "cmpl-mock-") + index;
        long created = System.currentTimeMillis() / 1000;
        this.chunkPrefix = "{\"id\":\"" + id + "\",\"object\":\""
                + (req.chat() ? (req.stream() ? "chat.completion.chunk" : "chat.completion") : "text_completion")
                + "\",\"created\":" + created + ",\"model\":" + server.jsonString(req.model()) + ",";
    }

    /** The request is handed to the scheduler now; queue wait counts from here. */
    void markSubmitted() {
        submittedNanos = System.nanoTime();
    }

    void attach(Generation s) {
        this.sequence = s;
    }

    /** Fails the exchange because the client went away or a write failed. */
    void abort(Throwable cause) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        if (sequence != null) {
            sequence.cancel();
        }
        server.exchangeEnded();
        callback.failed(cause);
    }

    @Override
    public void onAdmitted(long nanos, int cached) {
        admittedNanos = nanos;
        cachedTokens = cached;
        if (logged != null) {
            logged.cachedTokens(cached);
        }
    }

    @Override
    public void onToken(int index, long nanos) {
        if (req.stream()) {
            onStreamToken(index);
        } else {
            if (index == 0) {
                firstNanos = nanos;
            }
            if (index == words.length - 1) {
                lastNanos = nanos;
                writeWhole();
            }
        }
    }

    private String finishReason() {
        return req.maxTokens() != null && words.length == req.maxTokens() ? "length" : "stop";
    }

    // ---- streaming ----

    private void onStreamToken(int i) {
        boolean last = i == words.length - 1;
        StringBuilder sb = new StringBuilder(chunkPrefix.length() + 96).append("data: ").append(chunkPrefix);
        String text = i == 0 ? words[i] : " " + words[i];
        if (req.chat()) {
            sb.append("\"choices\":[{\"index\":0,\"delta\":{");
            if (i == 0) {
                sb.append("\"role\":\"assistant\",");
            }
            sb.append("\"content\":\"").append(text).append("\"},\"finish_reason\":");
        } else {
            sb.append("\"choices\":[{\"index\":0,\"text\":\"").append(text)
                    .append("\",\"logprobs\":null,\"finish_reason\":");
        }
        sb.append(last ? "\"" + finishReason() + "\"" : "null").append("}]}\n\n");
        synchronized (this) {
            pending.add(new Item(Kind.DATA, sb.toString(), i == 0, last));
            if (i == faultAfterToken && fault != null) {
                switch (fault) {
                    case DROP_MID_STREAM -> pending.add(new Item(Kind.DROP, null, false, false));
                    case MALFORMED_SSE -> pending.add(new Item(Kind.DATA,
                            "data: " + chunkPrefix + "\"choices\":[{\"index\":0,\n\n", false, false));
                    case STALL -> pending.add(new Item(Kind.STALL, null, false, false));
                    default -> { }
                }
            }
            if (last) {
                if (req.includeUsage()) {
                    pending.add(new Item(Kind.DATA, "data: " + chunkPrefix + "\"choices\":[],\"usage\":"
                            + usageJson() + "}\n\n", false, false));
                }
                pending.add(new Item(Kind.TIMING, null, false, false));
            }
            if (burst) {
                return;
            }
        }
        drain();
    }

    @Override
    public synchronized void beginBurst() {
        burst = true;
    }

    @Override
    public void endBurst() {
        synchronized (this) {
            burst = false;
        }
        drain();
    }

    /** Starts the next write unless one is in flight; data items queued together go out as one buffer. */
    private void drain() {
        StringBuilder batch = new StringBuilder();
        boolean hasFirst = false;
        boolean hasLast = false;
        boolean end = false;
        Kind action = null;
        synchronized (this) {
            if (writing || finished || pending.isEmpty()) {
                return;
            }
            Item head = pending.peekFirst();
            if (head.kind() == Kind.DROP || head.kind() == Kind.STALL) {
                pending.pollFirst();
                action = head.kind();
                writing = action == Kind.STALL;
            } else if (head.kind() == Kind.TIMING) {
                // Everything before it has been written, so the last content token's write time is known.
                pending.pollFirst();
                batch.append("data: ").append(chunkPrefix).append("\"choices\":[],\"mock_timing\":")
                        .append(timing().toJson()).append("}\n\ndata: [DONE]\n\n");
                end = true;
                writing = true;
            } else {
                while (!pending.isEmpty() && pending.peekFirst().kind() == Kind.DATA) {
                    Item it = pending.pollFirst();
                    batch.append(it.text());
                    hasFirst |= it.firstToken();
                    hasLast |= it.lastToken();
                }
                writing = true;
            }
        }
        if (action == Kind.DROP) {
            dropConnection();
            return;
        }
        if (action == Kind.STALL) {
            server.timer().schedule(() -> {
                synchronized (this) {
                    writing = false;
                }
                drain();
            }, server.config().faults().stallMs(), TimeUnit.MILLISECONDS);
            return;
        }
        if (!response.isCommitted()) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
            // Known since admission, which precedes every token, so it can go out with the headers.
            response.getHeaders().put(CACHED_TOKENS_HEADER, Integer.toString(cachedTokens));
        }
        final boolean first = hasFirst;
        final boolean lastToken = hasLast;
        final boolean last = end;
        response.write(last, ByteBuffer.wrap(batch.toString().getBytes(StandardCharsets.UTF_8)),
                Callback.from(() -> {
                    long now = System.nanoTime();
                    synchronized (this) {
                        if (first) {
                            firstNanos = now;
                        }
                        if (lastToken) {
                            lastNanos = now;
                        }
                        writing = false;
                        if (last) {
                            finished = true;
                        }
                    }
                    if (last) {
                        succeed();
                    } else {
                        drain();
                    }
                }, this::abort));
    }

    // ---- non-streaming ----

    private void writeWhole() {
        MockTiming t = timing();
        String body = chunkPrefix + "\"choices\":[{\"index\":0,"
                + (req.chat() ? "\"message\":{\"role\":\"assistant\",\"content\":" : "\"text\":")
                + server.jsonString(String.join(" ", words)) + (req.chat() ? "}," : ",\"logprobs\":null,")
                + "\"finish_reason\":\"" + finishReason() + "\"}],\"usage\":" + usageJson()
                + ",\"mock_timing\":" + t.toJson() + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put("x-mock-queue-wait-ms", MockTiming.ms(t.queueWaitMs()));
        response.getHeaders().put("x-mock-ttft-ms", MockTiming.ms(t.ttftMs()));
        response.getHeaders().put("x-mock-itl-ms", MockTiming.ms(t.itlMs()));
        response.getHeaders().put("x-mock-latency-ms", MockTiming.ms(t.latencyMs()));
        response.getHeaders().put("x-mock-tokens", Integer.toString(t.tokens()));
        response.getHeaders().put(CACHED_TOKENS_HEADER, Integer.toString(cachedTokens));
        if (fault == FaultKind.DROP_MID_STREAM) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
            response.write(false, ByteBuffer.wrap(bytes, 0, bytes.length / 2),
                    Callback.from(this::dropConnection, this::abort));
            return;
        }
        if (fault == FaultKind.MALFORMED_SSE) {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        Runnable write = () -> response.write(true, buffer, Callback.from(() -> {
            synchronized (this) {
                finished = true;
            }
            succeed();
        }, this::abort));
        if (fault == FaultKind.STALL) {
            server.timer().schedule(write, server.config().faults().stallMs(), TimeUnit.MILLISECONDS);
        } else {
            write.run();
        }
    }

    // ---- shared ----

    private String usageJson() {
        return "{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + words.length
                + ",\"total_tokens\":" + (promptTokens + words.length)
                + ",\"prompt_tokens_details\":{\"cached_tokens\":" + cachedTokens + "}}";
    }

    private synchronized MockTiming timing() {
        long queueWait = Math.max(0, admittedNanos - submittedNanos);
        return MockTiming.of(receivedNanos, queueWait, firstNanos, lastNanos, words.length);
    }

    private void dropConnection() {
        MockHandler.drop(request);
        abort(new EofException("mock fault: connection dropped mid-stream"));
    }

    private void succeed() {
        server.exchangeEnded();
        server.recordServed();
        callback.succeeded();
    }
}
