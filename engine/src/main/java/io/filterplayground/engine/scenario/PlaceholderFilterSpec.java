package io.filterplayground.engine.scenario;

import java.util.Map;

/**
 * An Envoy filter that the playground cannot run, kept in its place in the chain so that export
 * gives it back: an imported filter of a type the playground has no filter for, or one whose module
 * could not be read. The engine skips it as it skips a disabled filter; {@code enabled} is whether
 * Envoy runs it (an exported placeholder that is not enabled is {@code disabled: true}).
 *
 * @param typeUrl the {@code typed_config}'s {@code @type}, or "" when the entry had no {@code
 *     typed_config} (then {@code config} holds the entry's fields other than its name)
 * @param config the {@code typed_config}'s fields other than {@code @type}, as read
 * @param reason why the playground does not run it, one line
 */
public record PlaceholderFilterSpec(
        String name, boolean enabled, String typeUrl, Map<String, Object> config, String reason)
        implements FilterSpec {

    public PlaceholderFilterSpec {
        typeUrl = typeUrl == null ? "" : typeUrl;
        config = Ordered.copy(config);
        reason = reason == null ? "" : reason;
    }

    @Override
    public PlaceholderFilterSpec withName(String n) {
        return new PlaceholderFilterSpec(n, enabled, typeUrl, config, reason);
    }

    @Override
    public PlaceholderFilterSpec withEnabled(boolean on) {
        return new PlaceholderFilterSpec(name, on, typeUrl, config, reason);
    }

    public PlaceholderFilterSpec withConfig(Map<String, Object> c) {
        return new PlaceholderFilterSpec(name, enabled, typeUrl, c, reason);
    }

    /** The type's last name ({@code ExtAuthz}), or "" without a type. */
    public String shortType() {
        return typeUrl.substring(Math.max(typeUrl.lastIndexOf('.'), typeUrl.lastIndexOf('/')) + 1);
    }
}
