package io.filterplayground.engine.report.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Istio's {@code extensions.istio.io/v1alpha1} {@code WasmPlugin} checked by structure (no Java
 * binding of Istio's API is published): the fields of istio/api {@code
 * extensions/v1alpha1/wasm.proto} in their JSON names, its enums, and the CRD's rules on {@code
 * url} and {@code sha256}.
 */
public final class IstioSchema {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Set<String> SPEC =
            Set.of(
                    "selector",
                    "targetRef",
                    "targetRefs",
                    "url",
                    "sha256",
                    "imagePullPolicy",
                    "imagePullSecret",
                    "verificationKey",
                    "pluginConfig",
                    "pluginName",
                    "phase",
                    "priority",
                    "failStrategy",
                    "vmConfig",
                    "match",
                    "type");
    private static final Map<String, Set<String>> ENUMS =
            Map.of(
                    "imagePullPolicy", Set.of("UNSPECIFIED_POLICY", "IfNotPresent", "Always"),
                    "phase", Set.of("UNSPECIFIED_PHASE", "AUTHN", "AUTHZ", "STATS"),
                    "failStrategy", Set.of("FAIL_CLOSE", "FAIL_OPEN", "FAIL_RELOAD"),
                    "type", Set.of("UNSPECIFIED_PLUGIN_TYPE", "HTTP", "NETWORK"));

    private IstioSchema() {}

    /** Every document of {@code yaml} is a valid WasmPlugin; returns them. */
    public static List<JsonNode> check(String yaml) throws Exception {
        List<JsonNode> docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll();
        for (JsonNode d : docs) {
            if (d == null || d.isNull() || d.isEmpty()) {
                continue;
            }
            assertThat(d.path("apiVersion").asText()).isEqualTo("extensions.istio.io/v1alpha1");
            assertThat(d.path("kind").asText()).isEqualTo("WasmPlugin");
            assertThat(d.at("/metadata/name").asText()).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
            JsonNode spec = d.path("spec");
            assertThat(spec.isObject()).as("spec").isTrue();
            spec.fieldNames().forEachRemaining(f -> assertThat(SPEC).as("spec field").contains(f));
            assertThat(spec.path("url").asText()).matches("(oci|https?|file)://.+");
            if (spec.has("sha256")) {
                assertThat(spec.get("sha256").asText()).matches("|[a-f0-9]{64}");
            }
            ENUMS.forEach(
                    (field, values) -> {
                        if (spec.has(field)) {
                            assertThat(values).as(field).contains(spec.get(field).asText());
                        }
                    });
            if (spec.has("priority")) {
                assertThat(spec.get("priority").isInt()).as("priority").isTrue();
            }
            if (spec.has("pluginConfig")) {
                assertThat(spec.get("pluginConfig").isObject()).as("pluginConfig").isTrue();
            }
            if (spec.has("pluginName")) {
                assertThat(spec.get("pluginName").asText()).hasSizeBetween(1, 256);
            }
            for (JsonNode env : spec.at("/vmConfig/env")) {
                env.fieldNames()
                        .forEachRemaining(
                                f -> assertThat(Set.of("name", "value", "valueFrom")).contains(f));
                assertThat(env.path("name").asText()).isNotEmpty();
            }
        }
        return docs;
    }
}
