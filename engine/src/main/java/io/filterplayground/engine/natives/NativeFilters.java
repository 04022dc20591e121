package io.filterplayground.engine.natives;

import io.filterplayground.engine.error.ScenarioException;
import io.filterplayground.engine.filter.ChainFilter;
import io.filterplayground.engine.proxy.HostEnvironment;
import io.filterplayground.engine.scenario.NativeFilterSpec;
import java.util.List;

/**
 * The built-in filters by kind ({@code native: KIND} in a scenario). The router at the end of the
 * chain is built in too, but it is the filter manager's terminal hop, not a chain entry.
 */
public final class NativeFilters {
    /** Every kind a scenario may name, in the order the chain editor offers them. */
    public static final List<String> KINDS =
            List.of(
                    AddHeaderFilter.KIND,
                    LocalRateLimitFilter.KIND,
                    CorsFilter.KIND,
                    RbacFilter.KIND,
                    HeaderToMetadataFilter.KIND);

    private NativeFilters() {}

    /**
     * Builds the filter and checks its configuration; a bad one throws {@link
     * io.filterplayground.engine.error.FilterStartException} naming the filter and the field.
     */
    public static ChainFilter create(NativeFilterSpec spec, HostEnvironment env) {
        String kind = spec.kind() == null ? "" : spec.kind().trim();
        return switch (kind) {
            case AddHeaderFilter.KIND -> new AddHeaderFilter(spec, env);
            case LocalRateLimitFilter.KIND -> new LocalRateLimitFilter(spec, env);
            case CorsFilter.KIND -> new CorsFilter(spec, env);
            case RbacFilter.KIND -> new RbacFilter(spec, env);
            case HeaderToMetadataFilter.KIND -> new HeaderToMetadataFilter(spec, env);
            default ->
                    throw new ScenarioException(
                            spec.name()
                                    + ": unknown native filter '"
                                    + kind
                                    + "' (built-ins: "
                                    + String.join(", ", KINDS)
                                    + ")");
        };
    }
}
