package io.filterplayground.engine.natives;

import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.filter.FilterStatus;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.runtime.PlaygroundClock;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.scenario.NativeFilterSpec;
import io.filterplayground.engine.trace.StageEvent.Stage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * {@code native: local-rate-limit}: Envoy's local rate limit filter ({@code
 * envoy.filters.http.local_ratelimit}). A token bucket starts with {@code max_tokens} and gains
 * {@code tokens_per_fill} every {@code fill_interval} (never more than {@code max_tokens}); each
 * request takes a token. Without one the request gets Envoy's answer: {@code 429}, body {@code
 * local_rate_limited}, header {@code x-envoy-ratelimited: true}, response code details {@code
 * local_rate_limited}.
 *
 * <pre>
 * config:
 *   token_bucket: {max_tokens: 3, tokens_per_fill: 1, fill_interval: 1s}   # required
 *   per_worker: true                   # one bucket per worker (default); false: one for all
 *   stat_prefix: http_local_rate_limiter  # default: the filter's name
 *   status: 429                        # or {code: 429}; 400-599
 *   response_headers_to_add: {x-local-rate-limit: "true"}   # on rate-limited replies
 *   enable_x_ratelimit_headers: OFF    # DRAFT_VERSION_03: x-ratelimit-limit/-remaining/-reset
 * </pre>
 *
 * Buckets refill on the scenario's clock, so a virtual clock makes refills reproducible. Envoy
 * itself shares one bucket by all workers unless {@code local_rate_limit_per_downstream_connection}
 * is set; the playground defaults to a bucket per worker so the three styles (native, Lua, Wasm:
 * all per-worker state) compare like with like, and {@code per_worker: false} gives Envoy's
 * process-wide bucket.
 */
final class LocalRateLimitFilter extends NativeChainFilter {
    static final String KIND = "local-rate-limit";

    private final long maxTokens;
    private final long tokensPerFill;
    private final long fillIntervalMillis;
    private final boolean perWorker;
    private final String statPrefix;
    private final int status;
    private final Map<String, String> responseHeadersToAdd;
    private final boolean xRateLimitHeaders;
    private final TokenBucket shared;

    LocalRateLimitFilter(NativeFilterSpec spec, HostEnvironment env) {
        super(spec.name(), KIND, env, stages(spec));
        NativeConfig c =
                new NativeConfig(
                        spec.name(),
                        KIND,
                        spec.config(),
                        "token_bucket",
                        "per_worker",
                        "stat_prefix",
                        "status",
                        "response_headers_to_add",
                        "enable_x_ratelimit_headers");
        if (!c.has("token_bucket")) {
            throw c.error(
                    "config.token_bucket is required, e.g. {max_tokens: 3, tokens_per_fill: 1,"
                            + " fill_interval: 1s}");
        }
        NativeConfig tb = c.sub("token_bucket", "max_tokens", "tokens_per_fill", "fill_interval");
        this.maxTokens = tb.wholeNumber("max_tokens", -1, 1);
        if (maxTokens < 0) {
            throw c.error("config.token_bucket.max_tokens is required (the bucket's capacity)");
        }
        this.tokensPerFill = tb.wholeNumber("tokens_per_fill", 1, 1);
        if (!tb.has("fill_interval")) {
            throw c.error("config.token_bucket.fill_interval is required, e.g. 1s");
        }
        this.fillIntervalMillis = tb.durationMillis("fill_interval", 0);
        if (fillIntervalMillis < 50) {
            // Envoy's validation: "fill_interval must be >= 50ms".
            throw c.error(
                    "config.token_bucket.fill_interval must be at least 50ms (Envoy's rule), got "
                            + fillIntervalMillis
                            + "ms");
        }
        this.perWorker = c.bool("per_worker", true);
        this.statPrefix = c.string("stat_prefix", spec.name());
        this.status = status(c);
        this.responseHeadersToAdd = c.stringMap("response_headers_to_add");
        this.xRateLimitHeaders =
                c.choice("enable_x_ratelimit_headers", "OFF", "OFF", "DRAFT_VERSION_03")
                        .equals("DRAFT_VERSION_03");
        this.shared = perWorker ? null : new TokenBucket(env.clock());
    }

    private static java.util.Set<Stage> stages(NativeFilterSpec spec) {
        Object x = spec.config() == null ? null : spec.config().get("enable_x_ratelimit_headers");
        return x != null && String.valueOf(x).equalsIgnoreCase("DRAFT_VERSION_03")
                ? EnumSet.of(Stage.REQUEST_HEADERS, Stage.RESPONSE_HEADERS)
                : EnumSet.of(Stage.REQUEST_HEADERS);
    }

    private static int status(NativeConfig c) {
        Object s = c.raw("status");
        if (s == null) {
            return 429;
        }
        Object code = s instanceof Map<?, ?> m ? m.get("code") : s;
        int n;
        try {
            n = Integer.parseInt(String.valueOf(code).trim());
        } catch (NumberFormatException e) {
            throw c.error("config.status must be an HTTP status like 429 or {code: 429}");
        }
        if (n < 400 || n > 599) {
            throw c.error("config.status must be between 400 and 599, got " + n);
        }
        return n;
    }

    @Override
    public void start(Worker worker) {
        if (perWorker) {
            worker.local(this, () -> new TokenBucket(env.clock()));
        }
    }

    @Override
    protected NativeHttpFilter newStream(FilterCallbacks callbacks, Worker worker) {
        TokenBucket bucket = perWorker ? worker.localOrNull(this) : shared;
        return new Stream(callbacks, bucket);
    }

    /** Envoy's token bucket, refilled lazily in whole fill intervals on the playground clock. */
    final class TokenBucket {
        private final PlaygroundClock clock;
        private long tokens;
        private long lastFillNanos;

        TokenBucket(PlaygroundClock clock) {
            this.clock = clock;
            this.tokens = maxTokens;
            this.lastFillNanos = clock.monotonicNanos();
        }

        /** Takes a token if there is one; returns the tokens left, or -1 when there was none. */
        synchronized long take() {
            refill();
            if (tokens == 0) {
                return -1;
            }
            return --tokens;
        }

        synchronized long remaining() {
            refill();
            return tokens;
        }

        /** Whole seconds until the next fill (x-ratelimit-reset). */
        synchronized long resetSeconds() {
            long interval = fillIntervalMillis * 1_000_000L;
            long left = interval - (clock.monotonicNanos() - lastFillNanos);
            return Math.max(0, (left + 999_999_999L) / 1_000_000_000L);
        }

        private void refill() {
            long interval = fillIntervalMillis * 1_000_000L;
            long elapsed = clock.monotonicNanos() - lastFillNanos;
            if (elapsed < interval) {
                return;
            }
            long fills = elapsed / interval;
            tokens = Math.min(maxTokens, tokens + fills * tokensPerFill);
            lastFillNanos += fills * interval;
        }
    }

    private final class Stream extends NativeHttpFilter {
        private final TokenBucket bucket;
        private boolean limited;

        Stream(FilterCallbacks callbacks, TokenBucket bucket) {
            super(LocalRateLimitFilter.this, callbacks);
            this.bucket = bucket;
        }

        @Override
        protected FilterStatus decodeHeaders(HeaderMap headers, boolean endOfStream) {
            String prefix = statPrefix + ".http_local_rate_limit.";
            count(prefix + "enabled");
            long left = bucket.take();
            if (left >= 0) {
                count(prefix + "ok");
                log(
                        LogLevel.DEBUG,
                        KIND
                                + ": allowed, "
                                + left
                                + " token(s) left"
                                + (perWorker ? " in this worker's bucket" : ""));
                return FilterStatus.CONTINUE;
            }
            limited = true;
            count(prefix + "rate_limited");
            count(prefix + "enforced");
            log(
                    LogLevel.DEBUG,
                    KIND
                            + ": no token left"
                            + (perWorker ? " in this worker's bucket" : "")
                            + ", replying "
                            + status
                            + " (refill: "
                            + tokensPerFill
                            + " every "
                            + fillIntervalMillis
                            + "ms)");
            List<Header> extra = new ArrayList<>();
            extra.add(new Header("x-envoy-ratelimited", "true"));
            for (Map.Entry<String, String> h : responseHeadersToAdd.entrySet()) {
                extra.add(new Header(h.getKey(), h.getValue()));
            }
            if (xRateLimitHeaders) {
                addRateLimitHeaders(extra, 0);
            }
            stream.sendLocalReply(
                    status,
                    "local_rate_limited".getBytes(StandardCharsets.UTF_8),
                    extra,
                    "local_rate_limited");
            return FilterStatus.STOP_ALL_ITERATION;
        }

        @Override
        protected FilterStatus encodeHeaders(HeaderMap headers, boolean endOfStream) {
            if (!limited && xRateLimitHeaders) {
                List<Header> extra = new ArrayList<>();
                addRateLimitHeaders(extra, bucket.remaining());
                for (Header h : extra) {
                    headers.replace(h.name(), h.value());
                }
            }
            return FilterStatus.CONTINUE;
        }

        private void addRateLimitHeaders(List<Header> out, long remaining) {
            out.add(new Header("x-ratelimit-limit", Long.toString(maxTokens)));
            out.add(new Header("x-ratelimit-remaining", Long.toString(remaining)));
            out.add(new Header("x-ratelimit-reset", Long.toString(bucket.resetSeconds())));
        }
    }
}
