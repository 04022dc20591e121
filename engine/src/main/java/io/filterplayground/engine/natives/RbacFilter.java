package io.filterplayground.engine.natives;

import io.filterplayground.engine.abi.LogLevel;
import io.filterplayground.engine.filter.FilterCallbacks;
import io.filterplayground.engine.filter.FilterStatus;
import io.filterplayground.engine.filter.HeaderMap;
import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.runtime.Worker;
import io.filterplayground.engine.scenario.NativeFilterSpec;
import io.filterplayground.engine.trace.StageEvent.Stage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code native: rbac}: allow or deny requests by a header, in the manner of Envoy's RBAC filter
 * ({@code envoy.filters.http.rbac}) reduced to header permissions. With {@code action: ALLOW}
 * (Envoy's default) a request passes only if some policy matches; with {@code DENY} a request that
 * matches some policy is refused. A refusal is Envoy's: 403, body {@code RBAC: access denied},
 * details {@code rbac_access_denied_matched_policy[<policy>]} ({@code [none]} when no policy
 * matched under ALLOW).
 *
 * <pre>
 * config:
 *   action: DENY
 *   policies:
 *     block-mallory:
 *       header: x-user            # any request header, pseudo-headers (:path, :method) too
 *       values: [mallory, eve]    # or one of: exact, prefix, suffix, contains, safe_regex,
 *                                 #            present: true (the header is there at all)
 * </pre>
 *
 * Stats: {@code <name>.rbac.allowed}, {@code <name>.rbac.denied}.
 */
final class RbacFilter extends NativeChainFilter {
    static final String KIND = "rbac";

    private record Policy(String name, String header, List<StringMatcher> any, boolean present) {
        boolean matches(HeaderMap headers) {
            List<String> values = headers.getAll(header);
            if (present) {
                return !values.isEmpty();
            }
            for (String v : values) {
                for (StringMatcher m : any) {
                    if (m.matches(v)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private final boolean allow;
    private final List<Policy> policies = new ArrayList<>();

    RbacFilter(NativeFilterSpec spec, HostEnvironment env) {
        super(spec.name(), KIND, env, EnumSet.of(Stage.REQUEST_HEADERS));
        NativeConfig c = new NativeConfig(spec.name(), KIND, spec.config(), "action", "policies");
        this.allow = c.choice("action", "ALLOW", "ALLOW", "DENY").equals("ALLOW");
        Map<String, NativeConfig> named =
                c.namedSubs(
                        "policies",
                        "header",
                        "values",
                        "exact",
                        "prefix",
                        "suffix",
                        "contains",
                        "safe_regex",
                        "present");
        if (named.isEmpty()) {
            throw c.error(
                    "config.policies is required: a map of policy name to {header: ..., values:"
                            + " [...]}");
        }
        for (Map.Entry<String, NativeConfig> e : named.entrySet()) {
            NativeConfig p = e.getValue();
            String header = p.requiredString("header").toLowerCase(Locale.ROOT);
            boolean present = p.bool("present", false);
            List<StringMatcher> any = new ArrayList<>();
            Object values = p.raw("values");
            if (values != null) {
                if (!(values instanceof List<?> list) || list.isEmpty()) {
                    throw c.error(p.pathOf("values") + " must be a list of header values");
                }
                for (Object v : list) {
                    any.add(new StringMatcher("exact", String.valueOf(v), null, false));
                }
            }
            for (String how :
                    new String[] {"exact", "prefix", "suffix", "contains", "safe_regex"}) {
                if (p.has(how)) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put(how, p.raw(how));
                    any.add(StringMatcher.read(m, c, p.pathOf(how)));
                }
            }
            if (present == !any.isEmpty()) {
                throw c.error(
                        "policy "
                                + e.getKey()
                                + " must say how to match "
                                + header
                                + ": give values, exact, prefix, suffix, contains or safe_regex, or"
                                + " else present: true");
            }
            policies.add(new Policy(e.getKey(), header, List.copyOf(any), present));
        }
    }

    @Override
    protected NativeHttpFilter newStream(FilterCallbacks callbacks, Worker worker) {
        return new NativeHttpFilter(this, callbacks) {
            @Override
            protected FilterStatus decodeHeaders(HeaderMap headers, boolean endOfStream) {
                Policy matched = null;
                for (Policy p : policies) {
                    if (p.matches(headers)) {
                        matched = p;
                        break;
                    }
                }
                boolean pass = allow == (matched != null);
                if (pass) {
                    count(name + ".rbac.allowed");
                    log(
                            LogLevel.DEBUG,
                            KIND
                                    + ": allowed"
                                    + (matched == null
                                            ? " (no deny policy matched)"
                                            : " by policy " + matched.name()));
                    return FilterStatus.CONTINUE;
                }
                count(name + ".rbac.denied");
                String policy = matched == null ? "none" : matched.name();
                log(
                        LogLevel.INFO,
                        KIND
                                + ": access denied"
                                + (matched == null
                                        ? " (no allow policy matched)"
                                        : " by policy " + policy));
                stream.sendLocalReply(
                        403,
                        "RBAC: access denied".getBytes(StandardCharsets.UTF_8),
                        List.of(),
                        "rbac_access_denied_matched_policy[" + policy + "]");
                return FilterStatus.STOP_ALL_ITERATION;
            }
        };
    }
}
