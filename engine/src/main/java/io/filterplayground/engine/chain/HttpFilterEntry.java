package io.filterplayground.engine.chain;

import io.filterplayground.engine.filter.Buffer;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.filter.HttpFilter;
import io.filterplayground.engine.filter.StreamInfo;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.trace.Tracer;
import java.util.List;
import java.util.Map;

/**
 * One filter's place in an HTTP stream, and its view of the stream (Envoy's decoder and encoder
 * filter callbacks): what it holds in each direction while it has stopped iteration.
 */
final class HttpFilterEntry extends FilterEntry implements FilterCallbacks {
    /** Per direction: what this filter holds while it has stopped iteration. */
    static final class Held {
        boolean stopped;
        boolean stopAll;
        boolean headers;
        boolean headersEos;
        boolean trailers;
        Buffer body;
        boolean bodyEos;
    }

    private final HttpStream stream;
    final Held request = new Held();
    final Held response = new Held();
    HttpFilter filter;

    HttpFilterEntry(HttpStream stream, String name, int chainIndex) {
        super(name, chainIndex);
        this.stream = stream;
    }

    @Override
    public long streamId() {
        return stream.id();
    }

    @Override
    public String filterName() {
        return name;
    }

    @Override
    public int filterIndex() {
        return chainIndex;
    }

    @Override
    public Worker worker() {
        return stream.worker();
    }

    @Override
    public Tracer tracer() {
        return stream.tracer;
    }

    @Override
    public StreamInfo streamInfo() {
        return stream.info();
    }

    @Override
    public HeaderMap requestHeaders() {
        return stream.request.headers;
    }

    @Override
    public HeaderMap requestTrailers() {
        return stream.request.trailers;
    }

    @Override
    public HeaderMap responseHeaders() {
        return stream.response.headers;
    }

    @Override
    public HeaderMap responseTrailers() {
        return stream.response.trailers;
    }

    @Override
    public HeaderMap addRequestTrailers() {
        return stream.request.addTrailers();
    }

    @Override
    public HeaderMap addResponseTrailers() {
        return stream.response.addTrailers();
    }

    @Override
    public Buffer bufferedRequestBody() {
        return request.body;
    }

    @Override
    public Buffer bufferedResponseBody() {
        return response.body;
    }

    @Override
    public void attribute(Runnable work) {
        stream.attribute(this, work);
    }

    @Override
    public void continueRequest() {
        stream.control(() -> stream.request.continueAfter(this));
    }

    @Override
    public void continueResponse() {
        stream.control(() -> stream.response.continueAfter(this));
    }

    @Override
    public void sendLocalReply(int status, byte[] body, List<Header> headers, String details) {
        stream.requestStop(() -> stream.localReply(this, status, body, headers, details));
    }

    @Override
    public void sendLocalReply(
            int status, byte[] body, List<Header> headers, String details, long grpcStatus) {
        stream.requestStop(
                () -> stream.localReply(this, status, body, headers, details, grpcStatus));
    }

    @Override
    public void resetStream(String why) {
        stream.requestStop(() -> stream.reset(why));
    }

    @Override
    public Map<String, byte[]> filterState() {
        return stream.filterState();
    }

    @Override
    public Map<String, Map<String, Object>> dynamicMetadata() {
        return stream.dynamicMetadata();
    }

    @Override
    public boolean responseStarted() {
        return stream.responseStarted();
    }
}
