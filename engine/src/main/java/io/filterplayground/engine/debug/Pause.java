package io.filterplayground.engine.debug;

import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.trace.StageEvent.Stage;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A stream stopped before a filter's stage, on its worker: what the filter is about to see ({@code
 * headers} for a headers or trailers stage, {@code body} for a body stage) and the way on. The
 * worker waits until {@link #resume} is called, from any thread.
 */
public final class Pause {
    /** How the stream goes on: the headers and body to hand the filter (null: as they are). */
    public record Edit(List<Header> headers, byte[] body) {
        public static final Edit NONE = new Edit(null, null);
    }

    private final long streamId;
    private final String worker;
    private final String filter;
    private final Stage stage;
    private final Headers headers;
    private final byte[] body;
    private final boolean endOfStream;
    private final CompletableFuture<Edit> decision = new CompletableFuture<>();

    Pause(
            long streamId,
            String worker,
            String filter,
            Stage stage,
            Headers headers,
            byte[] body,
            boolean endOfStream) {
        this.streamId = streamId;
        this.worker = worker;
        this.filter = filter;
        this.stage = stage;
        this.headers = headers;
        this.body = body;
        this.endOfStream = endOfStream;
    }

    public long streamId() {
        return streamId;
    }

    public String worker() {
        return worker;
    }

    public String filter() {
        return filter;
    }

    public Stage stage() {
        return stage;
    }

    /** The headers or trailers the filter is about to see; null at a body stage. */
    public Headers headers() {
        return headers;
    }

    /** The body (chunk) the filter is about to see; null at a headers or trailers stage. */
    public byte[] body() {
        return body;
    }

    public boolean endOfStream() {
        return endOfStream;
    }

    /**
     * Lets the stream go on, with {@code edit} applied first (null or {@link Edit#NONE}: as is).
     */
    public void resume(Edit edit) {
        decision.complete(edit == null ? Edit.NONE : edit);
    }

    public boolean resumed() {
        return decision.isDone();
    }

    Edit await() throws InterruptedException {
        try {
            return decision.get();
        } catch (java.util.concurrent.ExecutionException e) {
            return Edit.NONE;
        }
    }

    @Override
    public String toString() {
        return "before " + filter + " · " + stage.wireName() + " (stream " + streamId + ")";
    }
}
